package dev.mailsift.engine.intake;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Streams the rows of a CSV, TSV, TXT or XLSX list in bounded memory, detecting the format (by content, not
 * name), BOM and charset, delimiter, header row and email column (each can be overridden), and extracting the
 * address from the email column. Hostile files (binary, legacy formats, zip bombs, endless rows) end in an
 * {@link IntakeException} instead of a hang or an OutOfMemoryError.
 *
 * <p>The steps: {@link FormatSniffer} (format, charset, delimiter), {@link TextRows} or {@link XlsxRows} (raw
 * rows), {@link ListLayout} (preamble, header, email column), {@link DataRows} (data rows, addresses, dedupe).
 */
public final class ListReader implements Closeable, Iterable<InputRow> {

    public enum Format { CSV, XLSX }

    /** Most rows that can stand above the header (a title, blank lines): see {@link #preamble()}. */
    public static final int MAX_PREAMBLE_ROWS = ListLayout.HEADER_SEARCH_ROWS - 1;

    /** Rows read ahead to detect the layout (header, email column). */
    private static final int SAMPLE_ROWS = 200;

    private final Format format;
    private final Charset charset;
    private final char delimiter;
    private final ListLayout layout;
    private final DataRows rows;
    private final Closeable resource;
    private boolean iterated;

    private ListReader(RowSource source, IntakeOptions options) {
        this.format = source.format();
        this.charset = source.charset();
        this.delimiter = source.delimiter();
        this.resource = source.resource();
        Iterator<List<String>> raw = source.rows();
        Deque<List<String>> sample = new ArrayDeque<>();
        while (sample.size() < SAMPLE_ROWS && readingRow(0, raw::hasNext)) {
            sample.add(readingRow(0, raw::next));
        }
        if (sample.isEmpty()) {
            throw new IntakeException(IntakeException.Kind.EMPTY, "the file has no rows");
        }
        this.layout = readingRow(0, () -> ListLayout.detect(sample, options));
        this.rows = new DataRows(sample, raw, layout.emailColumn(), options);
    }

    public static ListReader open(Path file) {
        return open(file, IntakeOptions.defaults());
    }

    public static ListReader open(Path file, IntakeOptions options) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new IntakeException(IntakeException.Kind.EMPTY, "the file is empty");
            }
            if (size > options.maxBytes()) {
                throw new IntakeException(IntakeException.Kind.TOO_LARGE,
                        "the file is " + size + " bytes; the limit is " + options.maxBytes());
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes((int) Math.min(FormatSniffer.SAMPLE_BYTES, size));
            }
            if (FormatSniffer.isZip(head)) {
                return new ListReader(XlsxRows.open(file, options), options);
            }
            FormatSniffer.rejectKnownBinary(head);
            return new ListReader(TextRows.open(file, head, options), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spools the stream to a temporary file (deleted on close) and opens that. */
    public static ListReader open(InputStream in, IntakeOptions options) {
        try {
            Path spooled = Files.createTempFile("mailsift-intake", ".bin");
            try (InputStream limited = new BufferedInputStream(in)) {
                long copied = 0;
                byte[] buffer = new byte[64 * 1024];
                try (var out = Files.newOutputStream(spooled)) {
                    int read;
                    while ((read = limited.read(buffer)) > 0) {
                        copied += read;
                        if (copied > options.maxBytes()) {
                            throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the file exceeds " + options.maxBytes() + " bytes");
                        }
                        out.write(buffer, 0, read);
                    }
                }
                ListReader reader = open(spooled, options);
                Closeable inner = reader.resource;
                return new ListReader(reader, () -> {
                    try {
                        inner.close();
                    } finally {
                        Files.deleteIfExists(spooled);
                    }
                });
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(spooled);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same reader, closing {@code resource} instead. */
    private ListReader(ListReader reader, Closeable resource) {
        this.format = reader.format;
        this.charset = reader.charset;
        this.delimiter = reader.delimiter;
        this.layout = reader.layout;
        this.rows = reader.rows;
        this.resource = resource;
    }


    // ------------------------------------------------------------------ access

    public Format format() {
        return format;
    }

    public Charset charset() {
        return charset;
    }

    /** The text delimiter ({@code \u001F} means one column per line). */
    public char delimiter() {
        return delimiter;
    }

    /** Header cells, or null when the first row is data. */
    public List<String> header() {
        return layout.header();
    }

    /**
     * Rows above the header, as read: a title line and the like, which results files keep above their header.
     * Empty when the header is the first row or there is none; never iterated as data rows.
     */
    public List<List<String>> preamble() {
        return layout.preamble();
    }

    /** Widest row among the header and the first rows read for detection (results pad rows to it). */
    public int sampleWidth() {
        return layout.sampleWidth();
    }

    /** 0-based index of the email column. */
    public int emailColumn() {
        return layout.emailColumn();
    }

    /** Single pass: rows in file order. */
    @Override
    public Iterator<InputRow> iterator() {
        if (iterated) {
            throw new IllegalStateException("a ListReader can be iterated once");
        }
        iterated = true;
        return rows;
    }

    /**
     * Runs one step of reading rows, letting nothing but an {@link IntakeException} out: whatever else a cell
     * provokes (an IllegalArgumentException from a decoder, a NumberFormatException deep in a parser) rejects the
     * file as MALFORMED, instead of reaching callers as a failure they would take for a passing one and retry.
     *
     * @param row the data row being read, or 0 while the first rows are read to detect the layout
     */
    static <T> T readingRow(long row, Supplier<T> step) {
        try {
            return step.get();
        } catch (IntakeException e) {
            throw e;
        } catch (RuntimeException e) {
            String where = row > 0 ? "row " + row : "one of the first rows";
            throw new IntakeException(IntakeException.Kind.MALFORMED,
                    where + " cannot be read: the file is damaged or holds something other than a list", e);
        }
    }

    /** The provider-aware normalised address (Gmail dots and tags, case, NFC) or, if invalid, the lower-cased text. */
    public static String dedupeKey(String email) {
        String normalized = dev.mailsift.engine.syntax.Normalizer.normalize(
                dev.mailsift.engine.syntax.EmailSyntax.standard().parse(email));
        return normalized != null ? normalized : EmailExtractor.key(email);
    }

    public String describe() {
        String shownDelimiter = delimiter == '\t' ? "tab" : delimiter == '\u001F' ? "none" : String.valueOf(delimiter);
        List<String> header = layout.header();
        int emailColumn = layout.emailColumn();
        return format.name().toLowerCase(Locale.ROOT) + (format == Format.CSV ? ", " + charset.name() + ", delimiter " + shownDelimiter : "")
                + ", header " + (header != null ? "yes" : "no")
                + (layout.preamble().isEmpty() ? "" : " after " + layout.preamble().size() + " preamble rows")
                + ", email column " + (emailColumn + 1)
                + (header != null && emailColumn < header.size() ? " \"" + header.get(emailColumn) + "\"" : "");
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }
}
