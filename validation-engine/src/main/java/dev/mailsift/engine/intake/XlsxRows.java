package dev.mailsift.engine.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The rows of an XLSX workbook's first sheet, streamed once the package has passed the zip-bomb check and
 * {@link WorkbookGuard}; each row, and the sheet as a whole, bounded like a text file's.
 */
final class XlsxRows {

    private XlsxRows() {
    }

    static RowSource open(Path file, IntakeOptions options) throws IOException {
        refuseZipBombs(file, options);
        WorkbookGuard.check(file, options);
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "not a readable XLSX workbook: " + e.getMessage(), e);
        }
        Stream<Row> stream;
        try {
            stream = workbook.getFirstSheet().openStream();
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the first sheet: " + e.getMessage(), e);
        }
        Iterator<Row> sheetRows = stream.iterator();
        Iterator<List<String>> rows = new Iterator<>() {
            private long sheetChars;

            @Override
            public boolean hasNext() {
                try {
                    return sheetRows.hasNext();
                } catch (RuntimeException e) {
                    throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the sheet: " + e.getMessage(), e);
                }
            }

            @Override
            public List<String> next() {
                Row row = sheetRows.next();
                int cellCount = row.getCellCount();
                if (cellCount > options.maxColumns()) {
                    throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "a row has " + cellCount + " cells; the limit is " + options.maxColumns());
                }
                String[] cells = new String[cellCount];
                long rowChars = 0;
                for (int i = 0; i < cellCount; i++) {
                    String text = row.hasCell(i) ? row.getCellText(i) : "";
                    cells[i] = text == null ? "" : text;
                    rowChars += cells[i].length();
                }
                // a shared string is held once but written out by every cell that uses it: bound the text as a
                // text file's is, so a small sheet cannot expand into huge rows or results files
                if (rowChars > options.maxRowChars()) {
                    throw new IntakeException(IntakeException.Kind.ROW_TOO_LARGE,
                            "row " + row.getRowNum() + " holds more than " + options.maxRowChars() + " characters");
                }
                sheetChars += rowChars;
                if (sheetChars > options.maxUncompressedBytes()) {
                    throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the sheet's cells hold more than "
                            + options.maxUncompressedBytes() + " characters, shared strings counted wherever they are used");
                }
                return Arrays.asList(cells);
            }
        };
        return new RowSource(ListReader.Format.XLSX, StandardCharsets.UTF_8, ',', rows, () -> {
            stream.close();
            workbook.close();
        });
    }

    /** Inflates every part once with a running cap, so lying size headers cannot hide a bomb. */
    private static void refuseZipBombs(Path file, IntakeOptions options) throws IOException {
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > 10_000) {
                throw new IntakeException(IntakeException.Kind.ZIP_BOMB, "the XLSX package has " + zip.size() + " parts");
            }
            boolean workbook = false;
            Set<String> names = new HashSet<>();
            byte[] buffer = new byte[64 * 1024];
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equals("xl/workbook.xml")) {
                    workbook = true;
                }
                // of two same-named parts java.util.zip reads the last, fastexcel-reader (which also matches names in
                // any case) the first: a check made through one must see the part the other reads
                if (!names.add(entry.getName().toLowerCase(Locale.ROOT))) {
                    throw new IntakeException(IntakeException.Kind.MALFORMED, "the XLSX package holds two parts named " + entry.getName());
                }
                long compressed = Math.max(1, entry.getCompressedSize());
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        size += read;
                        total += read;
                        if (total > options.maxUncompressedBytes()) {
                            throw new IntakeException(IntakeException.Kind.ZIP_BOMB,
                                    "the XLSX package inflates past " + options.maxUncompressedBytes() + " bytes");
                        }
                        if (size > 1_000_000 && size / compressed > options.maxCompressionRatio()) {
                            throw new IntakeException(IntakeException.Kind.ZIP_BOMB,
                                    "part " + entry.getName() + " compresses more than " + options.maxCompressionRatio() + ":1");
                        }
                    }
                }
            }
            if (!workbook) {
                throw new IntakeException(IntakeException.Kind.UNSUPPORTED_FORMAT, "a ZIP file but not an XLSX workbook");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "broken XLSX (zip) file: " + e.getMessage(), e);
        }
    }
}
