package dev.mailsift.engine.intake;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a list's header row (if any) and email column are, decided from the first rows read.
 *
 * <p>The header row is found by content: CRM exports often start with a title line (and blank lines) above the
 * real header, so the header is the row nearest above the first address that names columns ({@code Email},
 * {@code Name}, ...), searched within the first {@link #HEADER_SEARCH_ROWS} rows. What stands above it is
 * preamble. When no row names columns, the first row is the header if declared so or if it holds no address.
 *
 * @param preamble    rows above the header, as read (empty when the header is the first row or there is none)
 * @param header      header cells, or null when the first row is data
 * @param emailColumn 0-based index of the email column
 * @param sampleWidth widest row among the header and the rows read for detection (results pad rows to it)
 */
record ListLayout(List<List<String>> preamble, List<String> header, int emailColumn, int sampleWidth) {

    /** How many of the first rows may hold the header: what is read to find it stays small. */
    static final int HEADER_SEARCH_ROWS = 20;

    private static final Pattern EMAIL_HEADER = Pattern.compile(
            "(?i)^\\s*(e[-_ ]?mail|email[-_ ]?address|e-mail[-_ ]?address|mail|courriel|correo|adresse|address|emailaddress)\\s*$");
    private static final Pattern EMAIL_HEADER_LOOSE = Pattern.compile("(?i).*(e[-_ ]?mail|courriel|correo).*");
    /** Other column names a header row often holds; a whole cell must match, so a title line does not. */
    private static final Pattern OTHER_HEADER = Pattern.compile("(?i)^\\s*((first|last|full|given|family|sur|company"
            + "|contact|display|user)?[-_ ]?name|company|organi[sz]ation|phone|mobile|country|city|id|job[-_ ]?title)\\s*$");

    /**
     * @param sample the first rows of the file, not empty; the preamble and header rows are taken off its front,
     *               so what is left are the first data rows
     */
    static ListLayout detect(Deque<List<String>> sample, IntakeOptions options) {
        int headerRow = Boolean.FALSE.equals(options.header()) ? -1 : headerRow(sample, options.header());
        List<List<String>> preamble = new ArrayList<>();
        while (preamble.size() < headerRow) {
            preamble.add(List.copyOf(sample.pollFirst()));
        }
        List<String> header = headerRow >= 0 ? List.copyOf(sample.pollFirst()) : null;
        int emailColumn = emailColumn(header, sample, options);
        int width = header != null ? header.size() : 0;
        for (List<String> row : sample) {
            width = Math.max(width, row.size());
        }
        return new ListLayout(List.copyOf(preamble), header, emailColumn, Math.max(width, emailColumn + 1));
    }

    /**
     * @param declared whether the caller says there is a header (null: detect)
     * @return the 0-based index of the header row in {@code sample}, or -1 when the first row is data
     */
    private static int headerRow(Deque<List<String>> sample, Boolean declared) {
        List<List<String>> firstRows = sample.stream().limit(HEADER_SEARCH_ROWS).toList();
        int firstAddressRow = 0;
        while (firstAddressRow < firstRows.size() && holdsNoAddress(firstRows.get(firstAddressRow))) {
            firstAddressRow++;
        }
        if (firstAddressRow < firstRows.size()) {
            // nearest to the data wins: a title such as "Email list" may stand above the real header
            for (Pattern[] names : new Pattern[][] {{EMAIL_HEADER, OTHER_HEADER}, {EMAIL_HEADER_LOOSE}}) {
                for (int row = firstAddressRow - 1; row >= 0; row--) {
                    if (namesAColumn(firstRows.get(row), names)) {
                        return row;
                    }
                }
            }
        }
        return Boolean.TRUE.equals(declared) || holdsNoAddress(firstRows.get(0)) ? 0 : -1;
    }

    private static boolean namesAColumn(List<String> row, Pattern... names) {
        for (String cell : row) {
            for (Pattern name : names) {
                if (name.matcher(cell).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holdsNoAddress(List<String> row) {
        for (String cell : row) {
            if (EmailExtractor.looksLikeEmail(cell)) {
                return false;
            }
        }
        return true;
    }

    private static int emailColumn(List<String> header, Deque<List<String>> dataRows, IntakeOptions options) {
        String override = options.emailColumn();
        if (override != null) {
            return overriddenEmailColumn(override.strip(), header, options);
        }
        int width = 0;
        for (List<String> row : dataRows) {
            width = Math.max(width, row.size());
        }
        if (header != null) {
            width = Math.max(width, header.size());
        }
        int[] addressesInColumn = new int[Math.min(width, options.maxColumns())];
        for (List<String> row : dataRows) {
            for (int column = 0; column < Math.min(row.size(), addressesInColumn.length); column++) {
                if (EmailExtractor.looksLikeEmail(row.get(column))) {
                    addressesInColumn[column]++;
                }
            }
        }
        if (header != null) {
            for (Pattern name : new Pattern[] {EMAIL_HEADER, EMAIL_HEADER_LOOSE}) {
                for (int column = 0; column < header.size() && column < addressesInColumn.length; column++) {
                    if (name.matcher(header.get(column)).matches() && addressesInColumn[column] > 0) {
                        return column;
                    }
                }
            }
        }
        int best = -1;
        for (int column = 0; column < addressesInColumn.length; column++) {
            if (addressesInColumn[column] > 0 && (best < 0 || addressesInColumn[column] > addressesInColumn[best])) {
                best = column;
            }
        }
        if (best < 0) {
            throw new IntakeException(IntakeException.Kind.NO_EMAIL_COLUMN, "no column holds email addresses");
        }
        return best;
    }

    /** @param override a header name (case-insensitive) or a 1-based column number */
    private static int overriddenEmailColumn(String override, List<String> header, IntakeOptions options) {
        if (header != null) {
            for (int column = 0; column < header.size(); column++) {
                if (header.get(column).strip().equalsIgnoreCase(override)) {
                    return column;
                }
            }
        }
        try {
            int number = Integer.parseInt(override);
            if (number >= 1 && number <= options.maxColumns()) {
                return number - 1;
            }
        } catch (NumberFormatException notANumber) {
            // neither a header name nor a number
        }
        throw new IntakeException(IntakeException.Kind.NO_EMAIL_COLUMN, "no column named or numbered \"" + override + "\"");
    }
}
