package dev.mailsift.engine.intake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Pulls a bare address out of a cell: {@code "Jane" <jane@x.org>}, {@code mailto:jane@x.org?subject=hi}, quotes. */
public final class EmailExtractor {

    private EmailExtractor() {
    }

    public static String extract(String cell) {
        if (cell == null) {
            return null;
        }
        String s = cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).strip();
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = addressOfMailto(s);
        }
        while (!s.isEmpty() && (s.endsWith(",") || s.endsWith(";") || s.endsWith("."))) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() >= 2 && (s.charAt(0) == '\'' && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1);
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /**
     * The percent-decoded address of a {@code mailto:} URI, or, when an escape is malformed ({@code %zz}, a lone
     * {@code %}), the URI as written: it names no address, so we keep what the list says, which then fails the
     * syntax check ({@code :} is not allowed in an address) instead of being guessed into a plausible address.
     */
    private static String addressOfMailto(String uri) {
        String address = uri.substring("mailto:".length());
        int query = address.indexOf('?');
        if (query >= 0) {
            address = address.substring(0, query);
        }
        try {
            return URLDecoder.decode(address.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return uri;
        }
    }

    /** Cheap test used for column detection: one '@' with text on both sides and a dot after it. */
    static boolean looksLikeEmail(String cell) {
        String e = extract(cell);
        if (e == null || e.length() > 320) {
            return false;
        }
        int at = e.lastIndexOf('@');
        return at > 0 && at < e.length() - 3 && e.indexOf('.', at) > at + 1 && e.indexOf(' ') < 0;
    }

    /** The key duplicates are detected by: two addresses with the same key are the same row to check. */
    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
