package dev.mailsift.engine.cli;

import dev.mailsift.engine.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Verdicts as JSON lines in UTF-8, the same bytes Jackson writes for them (field order of the record's
 * {@code @JsonPropertyOrder}, nulls kept, Jackson's string escapes), written straight into a byte buffer: the CLI
 * prints millions of lines, and a Jackson generator per line, reflection per field, a char-to-byte encoder and
 * Jackson's 500 classes at start-up cost more than the checks themselves. {@code VerdictJsonTest} holds it to
 * Jackson's output. Not thread-safe: one per batch.
 */
final class VerdictJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] EMAIL = ascii("{\"email\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] SYNTAX_VALID = ascii(",\"syntax_valid\":");
    private static final byte[] NORMALIZED_EMAIL = ascii(",\"normalized_email\":");
    private static final byte[] SUGGESTION = ascii(",\"suggestion\":");
    private static final byte[] DISPOSABLE = ascii(",\"disposable\":");
    private static final byte[] ROLE = ascii(",\"role\":");
    private static final byte[] FREE_PROVIDER = ascii(",\"free_provider\":");
    private static final byte[] CATCH_ALL = ascii(",\"catch_all\":");
    private static final byte[] MAILBOX_FULL = ascii(",\"mailbox_full\":");
    private static final byte[] SMTPUTF8 = ascii(",\"smtputf8\":");
    private static final byte[] MX_HOST = ascii(",\"mx_host\":");
    private static final byte[] PROVIDER = ascii(",\"provider\":");
    private static final byte[] DETAIL = ascii(",\"detail\":");

    private byte[] buffer;
    private int size;

    VerdictJson(int capacity) {
        this.buffer = new byte[Math.max(capacity, 64)];
    }

    /** Appends the verdict's JSON object and a line feed. */
    VerdictJson add(Verdict v) {
        raw(EMAIL);
        string(v.email());
        raw(STATUS);
        string(v.status() == null ? null : v.status().code());
        raw(REASON);
        string(v.reason() == null ? null : v.reason().code());
        raw(SYNTAX_VALID);
        raw(v.syntaxValid() ? TRUE : FALSE);
        raw(NORMALIZED_EMAIL);
        string(v.normalizedEmail());
        raw(SUGGESTION);
        string(v.suggestion());
        raw(DISPOSABLE);
        raw(v.disposable() ? TRUE : FALSE);
        raw(ROLE);
        raw(v.role() ? TRUE : FALSE);
        raw(FREE_PROVIDER);
        raw(v.freeProvider() ? TRUE : FALSE);
        raw(CATCH_ALL);
        raw(v.catchAll() ? TRUE : FALSE);
        raw(MAILBOX_FULL);
        raw(v.mailboxFull() ? TRUE : FALSE);
        raw(SMTPUTF8);
        raw(v.smtputf8() ? TRUE : FALSE);
        raw(MX_HOST);
        string(v.mxHost());
        raw(PROVIDER);
        string(v.provider());
        raw(DETAIL);
        string(v.detail());
        ensure(2);
        buffer[size++] = '}';
        buffer[size++] = '\n';
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, size);
    }

    @Override
    public String toString() {
        return new String(buffer, 0, size, StandardCharsets.UTF_8);
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /**
     * Jackson's escaping (quote, backslash, {@code \b \t \f \n \r}, other control characters as backslash-u00XX),
     * then UTF-8; a lone surrogate becomes {@code ?}, as the JDK's encoder writes it.
     */
    private void string(String text) {
        if (text == null) {
            raw(NULL);
            return;
        }
        int length = text.length();
        ensure(length * 6 + 2);
        byte[] b = buffer;
        int at = size;
        b[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c;
                    continue;
                }
                b[at++] = '\\';
                switch (c) {
                    case '"' -> b[at++] = '"';
                    case '\\' -> b[at++] = '\\';
                    case '\b' -> b[at++] = 'b';
                    case '\t' -> b[at++] = 't';
                    case '\f' -> b[at++] = 'f';
                    case '\n' -> b[at++] = 'n';
                    case '\r' -> b[at++] = 'r';
                    default -> {
                        b[at++] = 'u';
                        b[at++] = '0';
                        b[at++] = '0';
                        b[at++] = HEX[c >> 4];
                        b[at++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                b[at++] = (byte) (0xF0 | (codePoint >> 18));
                b[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                b[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xE0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[at++] = '"';
        size = at;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
