package dev.mailsift.engine.syntax;

import com.ibm.icu.text.IDNA;
import java.nio.charset.StandardCharsets;

/**
 * Address syntax as mail delivery uses it: RFC 5321 (mailbox), RFC 5322 atoms without comments or folding,
 * RFC 6531/6532 UTF-8 local parts, IDNA 2008 / UTS #46 domains, a dotted domain ending in a delegated TLD.
 * A bare address only: display names, angle brackets and {@code mailto:} are intake's job.
 *
 * <p>The ASCII path is a single pass over the chars with table lookups; ICU is only consulted for non-ASCII
 * domains or {@code xn--} labels.
 */
public final class EmailSyntax {

    public static final int MAX_ADDRESS_OCTETS = 254;
    public static final int MAX_LOCAL_OCTETS = 64;
    public static final int MAX_DOMAIN_OCTETS = 253;
    public static final int MAX_LABEL_OCTETS = 63;

    private static final boolean[] ATEXT = new boolean[128];
    private static final boolean[] LDH = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ATEXT[c] = true;
            ATEXT[Character.toUpperCase(c)] = true;
            LDH[c] = true;
            LDH[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATEXT[c] = true;
            LDH[c] = true;
        }
        for (char c : "!#$%&'*+-/=?^_`{|}~".toCharArray()) {
            ATEXT[c] = true;
        }
        LDH['-'] = true;
    }

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO
            | IDNA.USE_STD3_RULES);

    private final Tlds tlds;

    public EmailSyntax(Tlds tlds) {
        this.tlds = tlds;
    }

    /** Uses the shipped IANA TLD snapshot. */
    public static EmailSyntax standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final EmailSyntax STANDARD = new EmailSyntax(Tlds.shipped());
    }

    public boolean isValid(String address) {
        return parse(address).valid();
    }

    public SyntaxResult parse(String s) {
        if (s == null || s.isEmpty()) {
            return SyntaxResult.invalid(SyntaxError.EMPTY);
        }
        int n = s.length();
        if (n > MAX_ADDRESS_OCTETS * 4) { // hostile input: do not even scan it
            return SyntaxResult.invalid(SyntaxError.TOO_LONG);
        }
        int at;
        boolean quoted = false;
        boolean utf8Local = false;
        int localOctets;
        char first = s.charAt(0);
        if (first == '"') {
            quoted = true;
            int i = 1;
            localOctets = 1;
            boolean closed = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    closed = true;
                    localOctets++;
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= n) {
                        return SyntaxResult.invalid(SyntaxError.UNTERMINATED_QUOTE);
                    }
                    char q = s.charAt(i + 1);
                    if (q < 32 || q > 126) {
                        return SyntaxResult.invalid(q < 32 || q == 127 ? SyntaxError.CONTROL_CHAR : SyntaxError.BAD_QUOTED_CHAR);
                    }
                    localOctets += 2;
                    i += 2;
                    continue;
                }
                if (c < 0x80) {
                    if (c < 32 || c == 127) {
                        return SyntaxResult.invalid(SyntaxError.CONTROL_CHAR);
                    }
                    localOctets++;
                    i++;
                } else {
                    int cp = s.codePointAt(i);
                    SyntaxError e = checkNonAscii(cp);
                    if (e != null) {
                        return SyntaxResult.invalid(e);
                    }
                    utf8Local = true;
                    localOctets += utf8Length(cp);
                    i += Character.charCount(cp);
                }
            }
            if (!closed) {
                return SyntaxResult.invalid(SyntaxError.UNTERMINATED_QUOTE);
            }
            if (i >= n || s.charAt(i) != '@') {
                return SyntaxResult.invalid(i < n && s.charAt(i) == '(' ? SyntaxError.COMMENT : SyntaxError.BAD_LOCAL_PART_CHAR);
            }
            at = i;
        } else {
            localOctets = 0;
            int i = 0;
            char prev = '.';
            at = -1;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '@') {
                    at = i;
                    break;
                }
                if (c < 0x80) {
                    if (c == '.') {
                        if (prev == '.') {
                            return SyntaxResult.invalid(i == 0 ? SyntaxError.DOT_AT_START_OR_END : SyntaxError.CONSECUTIVE_DOTS);
                        }
                    } else if (!ATEXT[c]) {
                        return SyntaxResult.invalid(asciiError(c));
                    }
                    prev = c;
                    localOctets++;
                    i++;
                } else {
                    int cp = s.codePointAt(i);
                    SyntaxError e = checkNonAscii(cp);
                    if (e != null) {
                        return SyntaxResult.invalid(e);
                    }
                    utf8Local = true;
                    prev = 'x';
                    localOctets += utf8Length(cp);
                    i += Character.charCount(cp);
                }
            }
            if (at < 0) {
                return SyntaxResult.invalid(SyntaxError.NO_AT_SIGN);
            }
            if (at == 0) {
                return SyntaxResult.invalid(SyntaxError.EMPTY_LOCAL_PART);
            }
            if (prev == '.') {
                return SyntaxResult.invalid(SyntaxError.DOT_AT_START_OR_END);
            }
        }
        if (localOctets > MAX_LOCAL_OCTETS) {
            return SyntaxResult.invalid(SyntaxError.LOCAL_PART_TOO_LONG);
        }
        int ds = at + 1;
        if (ds >= n) {
            return SyntaxResult.invalid(SyntaxError.EMPTY_DOMAIN);
        }
        String local = s.substring(0, at);
        if (s.charAt(ds) == '[') {
            if (s.charAt(n - 1) != ']' || !AddressLiterals.isValid(s, ds + 1, n - 1)) {
                return SyntaxResult.invalid(s.indexOf('@', ds) >= 0 ? SyntaxError.MULTIPLE_AT_SIGNS : SyntaxError.BAD_ADDRESS_LITERAL);
            }
            String literal = s.substring(ds).toLowerCase(java.util.Locale.ROOT).replace("[ipv6:", "[IPv6:");
            if (localOctets + 1 + literal.length() > MAX_ADDRESS_OCTETS) {
                return SyntaxResult.invalid(SyntaxError.TOO_LONG);
            }
            return new SyntaxResult(null, local, literal, literal, quoted, true, utf8Local);
        }
        // Domain: ASCII fast path, else UTS #46.
        boolean ascii = true;
        boolean needsIcu = false;
        int labelStart = ds;
        for (int i = ds; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            if (c == '.') {
                SyntaxError e = checkLabel(s, labelStart, i);
                if (e != null) {
                    return SyntaxResult.invalid(e);
                }
                if (i - labelStart >= 4 && s.regionMatches(true, labelStart, "xn--", 0, 4)) {
                    needsIcu = true;
                }
                labelStart = i + 1;
            } else if (!LDH[c]) {
                return SyntaxResult.invalid(domainAsciiError(c));
            }
        }
        String asciiDomain;
        String unicodeDomain;
        if (ascii) {
            SyntaxError e = checkLabel(s, labelStart, n);
            if (e != null) {
                return SyntaxResult.invalid(e);
            }
            if (n - labelStart >= 4 && s.regionMatches(true, labelStart, "xn--", 0, 4)) {
                needsIcu = true;
            }
            if (labelStart == ds) {
                return SyntaxResult.invalid(SyntaxError.NO_DOT_IN_DOMAIN);
            }
            if (n - ds > MAX_DOMAIN_OCTETS) {
                return SyntaxResult.invalid(SyntaxError.DOMAIN_TOO_LONG);
            }
            asciiDomain = lowerAscii(s, ds, n);
            if (needsIcu) {
                StringBuilder uni = new StringBuilder();
                IDNA.Info info = new IDNA.Info();
                UTS46.nameToUnicode(asciiDomain, uni, info);
                if (info.hasErrors()) {
                    return SyntaxResult.invalid(SyntaxError.BAD_IDN);
                }
                unicodeDomain = uni.toString();
            } else {
                unicodeDomain = asciiDomain;
            }
        } else {
            String domain = s.substring(ds);
            for (int i = 0; i < domain.length(); ) {
                int cp = domain.codePointAt(i);
                if (cp >= 0x80) {
                    SyntaxError e = checkNonAscii(cp);
                    if (e != null) {
                        return SyntaxResult.invalid(e);
                    }
                } else if (cp != '.' && !LDH[cp]) {
                    return SyntaxResult.invalid(domainAsciiError((char) cp));
                }
                i += Character.charCount(cp);
            }
            StringBuilder asciiOut = new StringBuilder();
            IDNA.Info info = new IDNA.Info();
            UTS46.nameToASCII(domain, asciiOut, info);
            if (info.hasErrors()) {
                return SyntaxResult.invalid(info.getErrors().contains(IDNA.Error.LABEL_TOO_LONG) ? SyntaxError.LABEL_TOO_LONG
                        : info.getErrors().contains(IDNA.Error.DOMAIN_NAME_TOO_LONG) ? SyntaxError.DOMAIN_TOO_LONG
                        : info.getErrors().contains(IDNA.Error.EMPTY_LABEL) ? SyntaxError.EMPTY_LABEL : SyntaxError.BAD_IDN);
            }
            asciiDomain = asciiOut.toString();
            int prev = 0;
            int dots = 0;
            for (int i = 0; i <= asciiDomain.length(); i++) {
                if (i == asciiDomain.length() || asciiDomain.charAt(i) == '.') {
                    SyntaxError e = checkLabel(asciiDomain, prev, i);
                    if (e != null) {
                        return SyntaxResult.invalid(e);
                    }
                    prev = i + 1;
                    dots++;
                }
            }
            if (dots < 2) {
                return SyntaxResult.invalid(SyntaxError.NO_DOT_IN_DOMAIN);
            }
            if (asciiDomain.length() > MAX_DOMAIN_OCTETS) {
                return SyntaxResult.invalid(SyntaxError.DOMAIN_TOO_LONG);
            }
            StringBuilder uni = new StringBuilder();
            UTS46.nameToUnicode(asciiDomain, uni, new IDNA.Info());
            unicodeDomain = uni.toString();
        }
        if (localOctets + 1 + asciiDomain.length() > MAX_ADDRESS_OCTETS) {
            return SyntaxResult.invalid(SyntaxError.TOO_LONG);
        }
        String tld = asciiDomain.substring(asciiDomain.lastIndexOf('.') + 1);
        if (!tlds.contains(tld)) {
            if (isAllDigits(tld)) {
                return SyntaxResult.invalid(SyntaxError.NUMERIC_TLD);
            }
            // well-formed, so the parts are kept: a verdict tells this apart from bad syntax and names the TLD
            return new SyntaxResult(SyntaxError.UNKNOWN_TLD, local, asciiDomain, unicodeDomain, quoted, false, utf8Local);
        }
        return new SyntaxResult(null, local, asciiDomain, unicodeDomain, quoted, false, utf8Local);
    }

    private static SyntaxError checkLabel(String s, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return SyntaxError.EMPTY_LABEL;
        }
        if (len > MAX_LABEL_OCTETS) {
            return SyntaxError.LABEL_TOO_LONG;
        }
        if (s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return SyntaxError.HYPHEN_AT_LABEL_EDGE;
        }
        // RFC 5891 §4.2.3.1: "??--" is reserved for IDNA ("xn--"), which ICU checks.
        if (len >= 4 && s.charAt(from + 2) == '-' && s.charAt(from + 3) == '-'
                && !s.regionMatches(true, from, "xn", 0, 2)) {
            return SyntaxError.RESERVED_LABEL;
        }
        return null;
    }

    private static SyntaxError asciiError(char c) {
        SyntaxError error = forbiddenAnywhere(c);
        return error != null ? error : SyntaxError.BAD_LOCAL_PART_CHAR;
    }

    private static SyntaxError domainAsciiError(char c) {
        if (c == '@') {
            return SyntaxError.MULTIPLE_AT_SIGNS;
        }
        SyntaxError error = forbiddenAnywhere(c);
        return error != null ? error : SyntaxError.BAD_DOMAIN_CHAR;
    }

    /** ASCII that has a more telling name than "bad character" in either part of an address; null otherwise. */
    private static SyntaxError forbiddenAnywhere(char c) {
        if (c == ' ' || c == '\t') {
            return SyntaxError.WHITESPACE;
        }
        if (c < 32 || c == 127) {
            return SyntaxError.CONTROL_CHAR;
        }
        if (c == '(' || c == ')') {
            return SyntaxError.COMMENT;
        }
        if (c == '<' || c == '>') {
            return SyntaxError.DISPLAY_NAME_OR_BRACKETS;
        }
        return null;
    }

    /** Non-ASCII code points allowed by RFC 6532 minus what no real mailbox uses and spoofing needs. */
    static SyntaxError checkNonAscii(int cp) {
        if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x061C) {
            return SyntaxError.BIDI_CONTROL_CHAR;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return SyntaxError.CONTROL_CHAR;
            case Character.FORMAT:
                return SyntaxError.INVISIBLE_CHAR;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SyntaxError.WHITESPACE;
            case Character.SURROGATE:
            case Character.UNASSIGNED:
            case Character.PRIVATE_USE:
                return SyntaxError.BAD_LOCAL_PART_CHAR;
            default:
                break;
        }
        if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF || cp == 0xFFFD || (cp & 0xFFFE) == 0xFFFE) {
            return SyntaxError.INVISIBLE_CHAR; // Hangul fillers, variation selectors, BOM, replacement, nonchars
        }
        return null;
    }

    static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    static String lowerAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = new char[to - from];
                s.getChars(from, to, out, 0);
                for (int j = i - from; j < out.length; j++) {
                    char d = out[j];
                    if (d >= 'A' && d <= 'Z') {
                        out[j] = (char) (d + 32);
                    }
                }
                return new String(out);
            }
        }
        return s.substring(from, to);
    }

    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 octet length of a string (what the RFC limits count). */
    public static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
