package dev.mailsift.engine.results;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.intake.ListReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a results file: the original columns in the original row order, then {@link #APPENDED}. Every cell
 * is neutralised against formula injection ({@link #neutralise(String)}). Rows stream out; memory stays flat.
 */
public abstract sealed class ResultsWriter implements Closeable {

    public static final List<String> APPENDED = List.of("status", "reason", "disposable", "role", "free_provider",
            "catch_all", "mailbox_full", "smtputf8", "suggestion", "normalized_email", "mx_host", "provider");

    /**
     * Data rows an XLSX results file can hold: a sheet's 1,048,576 rows less the header and the rows a title may
     * take above it ({@link ListReader#MAX_PREAMBLE_ROWS}); longer lists come back as CSV.
     */
    public static final long XLSX_MAX_DATA_ROWS = Worksheet.MAX_ROWS - 1L - ListReader.MAX_PREAMBLE_ROWS;

    /** Number of original columns every row is padded to, so the appended columns line up. */
    protected final int width;

    protected ResultsWriter(int width) {
        this.width = width;
    }

    /** @param header original header, or null to generate {@code column_1..n} names for {@code width} columns */
    public static ResultsWriter csv(OutputStream out, List<String> header, int width, char delimiter) {
        return csv(out, List.of(), header, width, delimiter);
    }

    /**
     * @param preamble rows that stood above the header in the input (a title line, see
     *                 {@link dev.mailsift.engine.intake.ListReader#preamble()}), written first, verdict columns empty
     */
    public static ResultsWriter csv(OutputStream out, List<List<String>> preamble, List<String> header, int width,
                                    char delimiter) {
        return new Csv(out, preamble, header, width, delimiter);
    }

    public static ResultsWriter xlsx(OutputStream out, List<String> header, int width) {
        return xlsx(out, List.of(), header, width);
    }

    /** @param preamble as for {@link #csv(OutputStream, List, List, int, char)} */
    public static ResultsWriter xlsx(OutputStream out, List<List<String>> preamble, List<String> header, int width) {
        return new Xlsx(out, preamble, header, width);
    }

    /** CSV or XLSX by the file name's extension. */
    public static ResultsWriter forPath(Path path, List<String> header, int width, char delimiter) throws IOException {
        return forPath(path, List.of(), header, width, delimiter);
    }

    /** @param preamble as for {@link #csv(OutputStream, List, List, int, char)} */
    public static ResultsWriter forPath(Path path, List<List<String>> preamble, List<String> header, int width,
                                        char delimiter) throws IOException {
        OutputStream out = Files.newOutputStream(path);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return xlsx(out, preamble, header, width);
        }
        return csv(out, preamble, header, width, name.endsWith(".tsv") ? '\t' : delimiter == '\u001F' ? ',' : delimiter);
    }

    /** {@code =SUM(..)}, {@code +1}, {@code -1}, {@code @cmd}, tab and CR at the start are prefixed with {@code '}. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char c = cell.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '＝' || c == '＋' || c == '－' || c == '＠') {
            return "'" + cell;
        }
        return cell;
    }

    protected List<String> headerRow(List<String> header) {
        List<String> row = new ArrayList<>(width + APPENDED.size());
        for (int i = 0; i < width; i++) {
            row.add(header != null && i < header.size() ? header.get(i) : "column_" + (i + 1));
        }
        if (header != null) {
            for (int i = width; i < header.size(); i++) {
                row.add(header.get(i));
            }
        }
        row.addAll(APPENDED);
        return row;
    }

    protected List<String> dataRow(List<String> cells, Verdict v) {
        List<String> row = new ArrayList<>(Math.max(width, cells.size()) + APPENDED.size());
        row.addAll(cells);
        while (row.size() < width) {
            row.add("");
        }
        if (v == null) {
            for (int i = 0; i < APPENDED.size(); i++) {
                row.add("");
            }
        } else {
            row.add(v.status().code());
            row.add(v.reason().code());
            row.add(Boolean.toString(v.disposable()));
            row.add(Boolean.toString(v.role()));
            row.add(Boolean.toString(v.freeProvider()));
            row.add(Boolean.toString(v.catchAll()));
            row.add(Boolean.toString(v.mailboxFull()));
            row.add(Boolean.toString(v.smtputf8()));
            row.add(v.suggestion() == null ? "" : v.suggestion());
            row.add(v.normalizedEmail() == null ? "" : v.normalizedEmail());
            row.add(v.mxHost() == null ? "" : v.mxHost());
            row.add(v.provider() == null ? "" : v.provider());
        }
        row.replaceAll(ResultsWriter::neutralise);
        return row;
    }

    /** @param verdict null for a row without an address (appended columns left empty) */
    public abstract void write(List<String> cells, Verdict verdict);

    static final class Csv extends ResultsWriter {
        private final CsvWriter csv;

        Csv(OutputStream out, List<List<String>> preamble, List<String> header, int width, char delimiter) {
            super(width);
            this.csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.CRLF)
                    .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (List<String> cells : preamble) {
                write(cells, null);
            }
            List<String> h = headerRow(header);
            h.replaceAll(ResultsWriter::neutralise);
            csv.writeRecord(h);
        }

        @Override
        public void write(List<String> cells, Verdict verdict) {
            csv.writeRecord(dataRow(cells, verdict));
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    static final class Xlsx extends ResultsWriter {
        private final Workbook wb;
        private final Worksheet ws;
        private int row;

        Xlsx(OutputStream out, List<List<String>> preamble, List<String> header, int width) {
            super(width);
            this.wb = new Workbook(out, "MailSift", "1.0");
            // fastest deflate: a tenth larger file, half the time to write it (docs/decisions/0022)
            wb.setCompressionLevel(1);
            this.ws = wb.newWorksheet("results");
            for (List<String> cells : preamble) {
                write(cells, null);
            }
            List<String> h = headerRow(header);
            for (int c = 0; c < h.size(); c++) {
                ws.value(row, c, neutralise(h.get(c)));
            }
            ws.style(row, 0).bold().set();
            row++;
        }

        @Override
        public void write(List<String> cells, Verdict verdict) {
            if (row >= Worksheet.MAX_ROWS) {
                throw new IllegalStateException("XLSX holds at most " + Worksheet.MAX_ROWS + " rows; write CSV instead");
            }
            List<String> r = dataRow(cells, verdict);
            for (int c = 0; c < r.size(); c++) {
                // inline, not in the shared-string table: that table would hold every distinct cell until the end
                ws.inlineString(row, c, r.get(c));
            }
            row++;
            if (row % 1_000 == 0) {
                try {
                    ws.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            wb.finish();
        }
    }
}
