package dev.mailsift.engine.intake;

import java.nio.charset.Charset;

/**
 * Overrides and limits for {@link ListReader}. Null overrides mean "detect".
 *
 * @param header               whether the first row is a header
 * @param emailColumn          header name (case-insensitive) or 1-based column number
 * @param delimiter            field delimiter for text files
 * @param charset              charset for text files
 * @param maxBytes             largest file accepted
 * @param maxRowChars          longest row (characters) in a text file; in an XLSX sheet, the text a row's cells hold
 *                             themselves (the shared strings they refer to are bounded apart)
 * @param maxColumns           most cells in a row
 * @param maxRows              most data rows
 * @param maxUncompressedBytes largest total uncompressed size of an XLSX package, and most characters its sheet's
 *                             cells may hold together (shared strings counted wherever they are used)
 * @param maxCompressionRatio  highest uncompressed/compressed ratio of any sizeable XLSX part
 * @param maxCellChars         longest text of an XLSX cell or shared string (Excel's own limit is 32,767)
 * @param maxSharedStrings     most shared strings an XLSX sheet may refer to (the reader keeps them all in memory)
 * @param maxSharedStringChars most characters in the shared strings an XLSX sheet refers to, together
 */
public record IntakeOptions(Boolean header, String emailColumn, Character delimiter, Charset charset, long maxBytes,
                            int maxRowChars, int maxColumns, long maxRows, long maxUncompressedBytes,
                            int maxCompressionRatio, int maxCellChars, int maxSharedStrings, long maxSharedStringChars) {

    public static IntakeOptions defaults() {
        return new IntakeOptions(null, null, null, null, 512L << 20, 1 << 20, 1_000, 10_000_000L, 1L << 30, 200,
                32_767, 5_000_000, 100_000_000L);
    }

    public IntakeOptions withHeader(Boolean h) {
        return new IntakeOptions(h, emailColumn, delimiter, charset, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }

    public IntakeOptions withEmailColumn(String c) {
        return new IntakeOptions(header, c, delimiter, charset, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }

    public IntakeOptions withDelimiter(Character d) {
        return new IntakeOptions(header, emailColumn, d, charset, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }

    public IntakeOptions withCharset(Charset c) {
        return new IntakeOptions(header, emailColumn, delimiter, c, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }

    public IntakeOptions withLimits(long maxBytes, int maxRowChars, long maxUncompressedBytes) {
        return new IntakeOptions(header, emailColumn, delimiter, charset, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }

    public IntakeOptions withXlsxLimits(int maxCellChars, int maxSharedStrings, long maxSharedStringChars) {
        return new IntakeOptions(header, emailColumn, delimiter, charset, maxBytes, maxRowChars, maxColumns, maxRows,
                maxUncompressedBytes, maxCompressionRatio, maxCellChars, maxSharedStrings, maxSharedStringChars);
    }
}
