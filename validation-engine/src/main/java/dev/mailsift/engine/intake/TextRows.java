package dev.mailsift.engine.intake;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The rows of a CSV, TSV or TXT list, streamed, each bounded to {@link IntakeOptions#maxRowChars()}. */
final class TextRows {

    private TextRows() {
    }

    /** @param head the file's first bytes, which decide its charset and delimiter */
    static RowSource open(Path file, byte[] head, IntakeOptions options) throws IOException {
        FormatSniffer.TextLayout text = FormatSniffer.sniffText(head, options);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(text.bomLength());
        InputStreamReader reader = new InputStreamReader(new BufferedInputStream(in, 64 * 1024), text.charset());
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(text.delimiter())
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .skipEmptyLines(true)
                .detectBomHeader(false)
                .maxBufferSize(Math.max(options.maxRowChars(), 16 * 1024))
                .ofCsvRecord(reader);
        Iterator<CsvRecord> it = csv.iterator();
        Iterator<List<String>> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (CsvParseException e) {
                    throw new IntakeException(IntakeException.Kind.ROW_TOO_LARGE,
                            "a row is malformed or longer than " + options.maxRowChars() + " characters", e);
                } catch (UncheckedIOException e) {
                    throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the file: " + e.getMessage(), e);
                }
            }

            @Override
            public List<String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String> fields = it.next().getFields();
                int chars = 0;
                for (String f : fields) {
                    chars += f.length();
                }
                if (chars > options.maxRowChars()) {
                    throw new IntakeException(IntakeException.Kind.ROW_TOO_LARGE, "a row is longer than " + options.maxRowChars() + " characters");
                }
                return fields;
            }
        };
        return new RowSource(ListReader.Format.CSV, text.charset(), text.delimiter(), rows, csv);
    }
}
