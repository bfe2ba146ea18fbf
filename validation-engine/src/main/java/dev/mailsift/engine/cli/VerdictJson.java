package dev.mailsift.engine.cli;

import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Status;
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

    private static final byte[][] STATUS_CODES = quoted(Status.values());
    private static final byte[][] REASON_CODES = quoted(Reason.values());

    private byte[] buffer;
    private int size;
    /** The last provider and detail written, and their JSON: most verdicts of a list repeat a few of each. */
    private final String[] lastText = new String[2];
    private final byte[][] lastJson = new byte[2][];

    VerdictJson(int capacity) {
        this.buffer = new byte[Math.max(capacity, 64)];
    }

    /** Appends the verdict's JSON object and a line feed. */
    VerdictJson add(Verdict v) {
        raw(EMAIL);
        string(v.email());
        raw(STATUS);
        raw(v.status() == null ? NULL : STATUS_CODES[v.status().ordinal()]);
        raw(REASON);
        raw(v.reason() == null ? NULL : REASON_CODES[v.reason().ordinal()]);
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
        repeated(v.provider(), 0);
        raw(DETAIL);
        repeated(v.detail(), 1);
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
     * Jackson's escaping (quote, backslash, {@code \b \t \f \n \r}, other control characters as backslash-u00XX) of
     * the UTF-8 bytes; a lone surrogate becomes {@code ?}, as the JDK's encoder writes it. In UTF-8 every byte of a
     * multi-byte character is 0x80 or more, so only single-byte (ASCII) characters can need escaping, and an address
     * that needs none (nearly all) is one bulk copy.
     */
    private void string(String text) {
        if (text == null) {
            raw(NULL);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 6 + 2);
        byte[] b = buffer;
        int at = size;
        b[at++] = '"';
        int copied = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte octet = utf8[i];
            if ((octet >= 0x20 || octet < 0) && octet != '"' && octet != '\\') {
                continue;
            }
            System.arraycopy(utf8, copied, b, at, i - copied);
            at += i - copied;
            copied = i + 1;
            b[at++] = '\\';
            switch (octet) {
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
                    b[at++] = HEX[octet >> 4];
                    b[at++] = HEX[octet & 0xF];
                }
            }
        }
        System.arraycopy(utf8, copied, b, at, utf8.length - copied);
        at += utf8.length - copied;
        b[at++] = '"';
        size = at;
    }

    private void repeated(String text, int slot) {
        if (text != null && text.equals(lastText[slot])) {
            raw(lastJson[slot]);
            return;
        }
        int start = size;
        string(text);
        if (text != null) {
            lastText[slot] = text;
            lastJson[slot] = Arrays.copyOfRange(buffer, start, size);
        }
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private static byte[][] quoted(Enum<?>[] constants) {
        byte[][] out = new byte[constants.length][];
        for (Enum<?> constant : constants) {
            String code = constant instanceof Status status ? status.code() : ((Reason) constant).code();
            out[constant.ordinal()] = ascii("\"" + code + "\"");
        }
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
