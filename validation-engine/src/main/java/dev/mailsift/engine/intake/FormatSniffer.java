package dev.mailsift.engine.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a file is, judged from its first bytes (never its name): an XLSX package, a format we refuse, or text,
 * whose BOM or charset and delimiter it also finds.
 */
final class FormatSniffer {

    /** How much of a file's start is read to judge it. */
    static final int SAMPLE_BYTES = 64 * 1024;

    /**
     * How to read a text list.
     *
     * @param bomLength bytes of byte-order mark to skip
     * @param delimiter field delimiter; {@code \u001F} when no candidate occurs (one column per line)
     */
    record TextLayout(Charset charset, int bomLength, char delimiter) {
    }

    private FormatSniffer() {
    }

    static boolean isZip(byte[] head) {
        return startsWith(head, 'P', 'K', 3, 4);
    }

    static void rejectKnownBinary(byte[] head) {
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new IntakeException(IntakeException.Kind.UNSUPPORTED_FORMAT,
                    "legacy Excel (.xls) is not supported: save the sheet as .xlsx or .csv");
        }
        if (startsWith(head, '%', 'P', 'D', 'F') || startsWith(head, 0x1F, 0x8B) || startsWith(head, 0x89, 'P', 'N', 'G')
                || startsWith(head, 0xFF, 0xD8, 0xFF) || startsWith(head, 'G', 'I', 'F', '8') || startsWith(head, 0x7F, 'E', 'L', 'F')) {
            throw new IntakeException(IntakeException.Kind.UNSUPPORTED_FORMAT, "not a CSV, TSV, TXT or XLSX file");
        }
    }

    /** Whether {@code bytes} begin with {@code prefix}, each an unsigned byte value. */
    static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The charset (a BOM, UTF-16 without one, strict UTF-8, else windows-1252) and delimiter of a text list. */
    static TextLayout sniffText(byte[] head, IntakeOptions options) {
        int bomLength = 0;
        Charset charset;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else if (utf16WithoutBom(head) != null) {
            charset = utf16WithoutBom(head);
        } else {
            int controls = 0;
            for (byte octet : head) {
                int value = octet & 0xFF;
                if (value == 0) {
                    throw new IntakeException(IntakeException.Kind.BINARY, "the file contains NUL bytes: not a text list");
                }
                if (value < 32 && value != '\n' && value != '\r' && value != '\t' && value != '\f') {
                    controls++;
                }
            }
            if (controls > head.length / 100 + 2) {
                throw new IntakeException(IntakeException.Kind.BINARY, "the file looks binary, not a text list");
            }
            charset = options.charset() != null ? options.charset() : isUtf8(head) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        }
        if (options.charset() != null && bomLength == 0) {
            charset = options.charset();
        }
        String sample = new String(head, bomLength, head.length - bomLength, charset);
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(sample);
        return new TextLayout(charset, bomLength, delimiter);
    }

    /** UTF-16 text without a BOM: ASCII characters leave NUL in every other byte. */
    private static Charset utf16WithoutBom(byte[] head) {
        int sampled = Math.min(head.length & ~1, 4096);
        if (sampled < 4) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < sampled; i += 2) {
            if (head[i] == 0) {
                evenZero++;
            }
            if (head[i + 1] == 0) {
                oddZero++;
            }
        }
        int pairs = sampled / 2;
        if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean isUtf8(byte[] head) {
        int end = head.length;
        // do not judge a multi-byte sequence cut by the sample's end
        for (int i = Math.max(0, end - 3); i < end; i++) {
            if ((head[i] & 0xC0) == 0xC0) {
                end = i;
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static char detectDelimiter(String sample) {
        char[] candidates = {',', ';', '\t', '|'};
        String[] lines = sample.split("\r\n|\n|\r", -1);
        int usable = Math.min(lines.length - (lines.length > 1 ? 1 : 0), 30); // last line may be cut
        if (usable <= 0) {
            usable = lines.length;
        }
        char best = ',';
        double bestScore = 0;
        for (char candidate : candidates) {
            int min = Integer.MAX_VALUE;
            int total = 0;
            int nonEmpty = 0;
            for (int i = 0; i < usable; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                nonEmpty++;
                int count = countOutsideQuotes(lines[i], candidate);
                min = Math.min(min, count);
                total += count;
            }
            if (nonEmpty == 0 || total == 0) {
                continue;
            }
            double score = (min > 0 ? 1000 : 0) + (double) total / nonEmpty;
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return bestScore == 0 ? '\u001F' : best; // no delimiter: one column per line (TXT)
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        boolean quoted = false;
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char character = line.charAt(i);
            if (character == '"') {
                quoted = !quoted;
            } else if (character == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
