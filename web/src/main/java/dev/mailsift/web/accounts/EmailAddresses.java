package dev.mailsift.web.accounts;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * One spelling per mailbox, so that nobody registers a look-alike of someone else's address: Unicode NFC, no
 * surrounding blanks, lower case (as the service has always stored addresses), and the domain in IDNA's mapped
 * form (full-width dots and letters folded). An address holding an invisible or formatting character (Unicode
 * category Cf: zero-width spaces, bidirectional overrides and isolates, the byte-order mark) or a control character
 * has no normal form: it is refused, never silently cleaned into someone else's address.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** The address's one spelling, or empty when it holds a character no address may hold. */
    public static Optional<String> normalise(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(address, Normalizer.Form.NFC).strip();
        if (nfc.codePoints().anyMatch(EmailAddresses::invisible)) {
            return Optional.empty();
        }
        int at = nfc.lastIndexOf('@');
        if (at <= 0 || at == nfc.length() - 1) {
            return Optional.of(nfc.toLowerCase(Locale.ROOT));
        }
        try {
            String domain = IDN.toUnicode(IDN.toASCII(nfc.substring(at + 1), IDN.ALLOW_UNASSIGNED));
            return Optional.of((nfc.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notADomain) {
            return Optional.empty();
        }
    }

    /** Normalises an address already validated by {@link PlainEmail}. */
    public static String normalised(String address) {
        return normalise(address).orElseThrow(() -> new IllegalArgumentException("not a plain address"));
    }

    private static boolean invisible(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT || Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.PRIVATE_USE
                || Character.getType(codePoint) == Character.UNASSIGNED
                || Character.getType(codePoint) == Character.SURROGATE;
    }
}
