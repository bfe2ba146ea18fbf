package dev.mailsift.web.jobs;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.results.ResultsWriter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A job's results made from the stored results CSV as they stream to the caller, row by row: memory stays flat
 * whatever the list's size. Two uses: the rows of chosen statuses only, and the XLSX, which is not stored
 * (docs/decisions/0050). The rows above the first data row (a title line the list had, the header) are always kept.
 * A row's status is its first appended column, counted from the end, so an original column that happens to be
 * called {@code status} is never mistaken for it. Rows without an address have no status: a filter leaves them out,
 * every status keeps them. The XLSX is what the engine's {@link ResultsWriter} writes: every cell an inline string,
 * the header row's cells in the shared-string table, its first cell bold.
 */
@Component
class StreamedResults {

    private static final int APPENDED = ResultsWriter.APPENDED.size();
    private static final int FLUSH_EVERY = 1_000;

    private final BlobStore blobs;

    StreamedResults(BlobStore blobs) {
        this.blobs = blobs;
    }

    void writeCsv(String csvKey, StatusFilter filter, OutputStream out) throws IOException {
        char delimiter = delimiterOf(csvKey);
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.CRLF)
                                      .build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            eachKeptRow(csvKey, delimiter, filter, (fields, heading) -> csv.writeRecord(fields));
        }
    }

    void writeXlsx(String csvKey, StatusFilter filter, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "MailSift", "1.0");
        workbook.setCompressionLevel(1); // as the engine's: docs/decisions/0022
        Worksheet sheet = workbook.newWorksheet("results");
        int[] row = {0};
        eachKeptRow(csvKey, delimiterOf(csvKey), filter, (fields, heading) -> {
            for (int c = 0; c < fields.size(); c++) {
                if (heading == Heading.HEADER) {
                    sheet.value(row[0], c, fields.get(c));
                } else {
                    sheet.inlineString(row[0], c, fields.get(c));
                }
            }
            if (heading == Heading.HEADER) {
                sheet.style(row[0], 0).bold().set();
            }
            if (++row[0] % FLUSH_EVERY == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        workbook.finish();
    }

    private enum Heading { ABOVE_HEADER, HEADER, DATA }

    private interface RowSink {
        void write(List<String> fields, Heading heading);
    }

    private void eachKeptRow(String csvKey, char delimiter, StatusFilter filter, RowSink sink) throws IOException {
        try (InputStream in = blobs.open(csvKey); CsvReader<CsvRecord> csv = reader(in, delimiter)) {
            boolean headerSeen = false;
            for (CsvRecord record : csv) {
                List<String> fields = record.getFields();
                if (!headerSeen) {
                    headerSeen = isHeader(fields);
                    sink.write(fields, headerSeen ? Heading.HEADER : Heading.ABOVE_HEADER);
                } else if (filter.all()
                        || fields.size() >= APPENDED && filter.keeps(fields.get(fields.size() - APPENDED))) {
                    sink.write(fields, Heading.DATA);
                }
            }
        }
    }

    /**
     * The stored CSV keeps a tab-separated list's tabs: the delimiter is the one that makes a header row of the
     * verdict columns within the rows a header may stand below.
     */
    private char delimiterOf(String csvKey) throws IOException {
        try (InputStream in = blobs.open(csvKey); CsvReader<CsvRecord> csv = reader(in, ',')) {
            int read = 0;
            for (CsvRecord record : csv) {
                if (isHeader(record.getFields())) {
                    return ',';
                }
                if (++read > ListReader.MAX_PREAMBLE_ROWS) {
                    break;
                }
            }
        }
        return '\t';
    }

    private static boolean isHeader(List<String> fields) {
        return fields.size() >= APPENDED
                && fields.subList(fields.size() - APPENDED, fields.size()).equals(ResultsWriter.APPENDED);
    }

    private static CsvReader<CsvRecord> reader(InputStream in, char delimiter) {
        return CsvReader.builder().fieldSeparator(delimiter).allowExtraFields(true).allowMissingFields(true)
                        .skipEmptyLines(false).detectBomHeader(false)
                        .ofCsvRecord(new InputStreamReader(new BufferedInputStream(in, 1 << 16),
                                StandardCharsets.UTF_8));
    }
}
