package dev.mailsift.engine.intake;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Streams the rows of a CSV, TSV, TXT or XLSX list in bounded memory, detecting the format (by content, not
 * name), BOM and charset, delimiter, header row and email column (each can be overridden), and extracting the
 * address from the email column. Hostile files (binary, legacy formats, zip bombs, endless rows) end in an
 * {@link IntakeException} instead of a hang or an OutOfMemoryError.
 */
public final class ListReader implements Closeable, Iterable<InputRow> {

    public enum Format { CSV, XLSX }

    /** Most rows that can stand above the header (a title, blank lines): see {@link #preamble()}. */
    public static final int MAX_PREAMBLE_ROWS = ListLayout.HEADER_SEARCH_ROWS - 1;

    private static final int SAMPLE_ROWS = 200;
    private static final int SAMPLE_BYTES = 64 * 1024;

    private final Format format;
    private final Charset charset;
    private final char delimiter;
    private final ListLayout layout;
    private final Iterator<List<String>> source;
    private final Deque<List<String>> buffered;
    private final Closeable resource;
    private final IntakeOptions options;
    private final LongHashSet seen = new LongHashSet();
    private long rowNumber;
    private boolean iterated;

    private ListReader(Format format, Charset charset, char delimiter, Iterator<List<String>> source, Closeable resource,
                       IntakeOptions options) {
        this.format = format;
        this.charset = charset;
        this.delimiter = delimiter;
        this.source = source;
        this.resource = resource;
        this.options = options;
        this.buffered = new ArrayDeque<>();
        while (buffered.size() < SAMPLE_ROWS && readingRow(0, source::hasNext)) {
            buffered.add(readingRow(0, source::next));
        }
        if (buffered.isEmpty()) {
            throw new IntakeException(IntakeException.Kind.EMPTY, "the file has no rows");
        }
        this.layout = readingRow(0, () -> ListLayout.detect(buffered, options));
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
            byte[] head = new byte[(int) Math.min(SAMPLE_BYTES, size)];
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(head.length);
            }
            if (startsWith(head, 'P', 'K', 3, 4)) {
                return openXlsx(file, options);
            }
            rejectKnownBinary(head);
            return openText(file, head, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spools the stream to a temporary file (deleted on close) and opens that. */
    public static ListReader open(InputStream in, IntakeOptions options) {
        try {
            Path tmp = Files.createTempFile("mailsift-intake", ".bin");
            try (InputStream limited = new BufferedInputStream(in)) {
                long copied = 0;
                byte[] buf = new byte[64 * 1024];
                try (var out = Files.newOutputStream(tmp)) {
                    int n;
                    while ((n = limited.read(buf)) > 0) {
                        copied += n;
                        if (copied > options.maxBytes()) {
                            throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the file exceeds " + options.maxBytes() + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
                ListReader r = open(tmp, options);
                Closeable inner = r.resource;
                return new ListReader(r, () -> {
                    try {
                        inner.close();
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                });
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ListReader(ListReader r, Closeable resource) {
        this.format = r.format;
        this.charset = r.charset;
        this.delimiter = r.delimiter;
        this.source = r.source;
        this.buffered = r.buffered;
        this.layout = r.layout;
        this.options = r.options;
        this.resource = resource;
    }

    // ------------------------------------------------------------------ detection

    private static void rejectKnownBinary(byte[] head) {
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new IntakeException(IntakeException.Kind.UNSUPPORTED_FORMAT,
                    "legacy Excel (.xls) is not supported: save the sheet as .xlsx or .csv");
        }
        if (startsWith(head, '%', 'P', 'D', 'F') || startsWith(head, 0x1F, 0x8B) || startsWith(head, 0x89, 'P', 'N', 'G')
                || startsWith(head, 0xFF, 0xD8, 0xFF) || startsWith(head, 'G', 'I', 'F', '8') || startsWith(head, 0x7F, 'E', 'L', 'F')) {
            throw new IntakeException(IntakeException.Kind.UNSUPPORTED_FORMAT, "not a CSV, TSV, TXT or XLSX file");
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ListReader openText(Path file, byte[] head, IntakeOptions options) throws IOException {
        int bom = 0;
        Charset cs;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            cs = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            cs = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            cs = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (utf16WithoutBom(head) != null) {
            cs = utf16WithoutBom(head);
        } else {
            int controls = 0;
            for (byte b : head) {
                int c = b & 0xFF;
                if (c == 0) {
                    throw new IntakeException(IntakeException.Kind.BINARY, "the file contains NUL bytes: not a text list");
                }
                if (c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                    controls++;
                }
            }
            if (controls > head.length / 100 + 2) {
                throw new IntakeException(IntakeException.Kind.BINARY, "the file looks binary, not a text list");
            }
            cs = options.charset() != null ? options.charset() : isUtf8(head) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        }
        if (options.charset() != null && bom == 0) {
            cs = options.charset();
        }
        String sample = new String(head, bom, head.length - bom, cs);
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(sample);
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(bom);
        InputStreamReader reader = new InputStreamReader(new BufferedInputStream(in, 64 * 1024), cs);
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(delimiter)
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
        return new ListReader(Format.CSV, cs, delimiter, rows, csv, options);
    }

    /** UTF-16 text without a BOM: ASCII characters leave NUL in every other byte. */
    private static Charset utf16WithoutBom(byte[] head) {
        int n = Math.min(head.length & ~1, 4096);
        if (n < 4) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < n; i += 2) {
            if (head[i] == 0) {
                evenZero++;
            }
            if (head[i + 1] == 0) {
                oddZero++;
            }
        }
        int pairs = n / 2;
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
        for (char c : candidates) {
            int min = Integer.MAX_VALUE;
            int total = 0;
            int nonEmpty = 0;
            for (int i = 0; i < usable; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                nonEmpty++;
                int n = countOutsideQuotes(lines[i], c);
                min = Math.min(min, n);
                total += n;
            }
            if (nonEmpty == 0 || total == 0) {
                continue;
            }
            double score = (min > 0 ? 1000 : 0) + (double) total / nonEmpty;
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return bestScore == 0 ? '\u001F' : best; // no delimiter: one column per line (TXT)
    }

    private static int countOutsideQuotes(String line, char c) {
        boolean quoted = false;
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    private static ListReader openXlsx(Path file, IntakeOptions options) throws IOException {
        checkZip(file, options);
        WorkbookGuard.check(file, options);
        ReadableWorkbook wb;
        try {
            wb = new ReadableWorkbook(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "not a readable XLSX workbook: " + e.getMessage(), e);
        }
        Stream<Row> stream;
        try {
            stream = wb.getFirstSheet().openStream();
        } catch (IOException | RuntimeException e) {
            wb.close();
            throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the first sheet: " + e.getMessage(), e);
        }
        Iterator<Row> it = stream.iterator();
        Iterator<List<String>> rows = new Iterator<>() {
            private long sheetChars;

            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (RuntimeException e) {
                    throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read the sheet: " + e.getMessage(), e);
                }
            }

            @Override
            public List<String> next() {
                Row row = it.next();
                int n = row.getCellCount();
                if (n > options.maxColumns()) {
                    throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "a row has " + n + " cells; the limit is " + options.maxColumns());
                }
                String[] cells = new String[n];
                long rowChars = 0;
                for (int i = 0; i < n; i++) {
                    String t = row.hasCell(i) ? row.getCellText(i) : "";
                    cells[i] = t == null ? "" : t;
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
        return new ListReader(Format.XLSX, StandardCharsets.UTF_8, ',', rows, () -> {
            stream.close();
            wb.close();
        }, options);
    }

    /** Inflates every part once with a running cap, so lying size headers cannot hide a bomb. */
    private static void checkZip(Path file, IntakeOptions options) throws IOException {
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > 10_000) {
                throw new IntakeException(IntakeException.Kind.ZIP_BOMB, "the XLSX package has " + zip.size() + " parts");
            }
            boolean workbook = false;
            Set<String> names = new HashSet<>();
            byte[] buf = new byte[64 * 1024];
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals("xl/workbook.xml")) {
                    workbook = true;
                }
                // of two same-named parts java.util.zip reads the last, fastexcel-reader (which also matches names in
                // any case) the first: a check made through one must see the part the other reads
                if (!names.add(e.getName().toLowerCase(Locale.ROOT))) {
                    throw new IntakeException(IntakeException.Kind.MALFORMED, "the XLSX package holds two parts named " + e.getName());
                }
                long compressed = Math.max(1, e.getCompressedSize());
                long size = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        size += n;
                        total += n;
                        if (total > options.maxUncompressedBytes()) {
                            throw new IntakeException(IntakeException.Kind.ZIP_BOMB,
                                    "the XLSX package inflates past " + options.maxUncompressedBytes() + " bytes");
                        }
                        if (size > 1_000_000 && size / compressed > options.maxCompressionRatio()) {
                            throw new IntakeException(IntakeException.Kind.ZIP_BOMB,
                                    "part " + e.getName() + " compresses more than " + options.maxCompressionRatio() + ":1");
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
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !buffered.isEmpty() || readingRow(rowNumber + 1, source::hasNext);
            }

            @Override
            public InputRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return readingRow(rowNumber + 1, ListReader.this::nextRow);
            }
        };
    }

    private InputRow nextRow() {
        List<String> cells = !buffered.isEmpty() ? buffered.pollFirst() : source.next();
        if (cells.size() > options.maxColumns()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS,
                    "row " + (rowNumber + 1) + " has " + cells.size() + " cells; the limit is " + options.maxColumns());
        }
        rowNumber++;
        if (rowNumber > options.maxRows()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_ROWS, "more than " + options.maxRows() + " rows");
        }
        int emailColumn = layout.emailColumn();
        String email = emailColumn < cells.size() ? EmailExtractor.extract(cells.get(emailColumn)) : null;
        boolean dup = email != null && !seen.add(hash(dedupeKey(email)));
        return new InputRow(rowNumber, List.copyOf(cells), email, dup);
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

    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    public String describe() {
        String d = delimiter == '\t' ? "tab" : delimiter == '\u001F' ? "none" : String.valueOf(delimiter);
        List<String> header = layout.header();
        int emailColumn = layout.emailColumn();
        return format.name().toLowerCase(Locale.ROOT) + (format == Format.CSV ? ", " + charset.name() + ", delimiter " + d : "")
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
