package dev.mailsift.engine.intake;

import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a list's header row (if any) and email column are, decided from the first rows read.
 *
 * @param header      header cells, or null when the first row is data
 * @param emailColumn 0-based index of the email column
 * @param sampleWidth widest row among the header and the rows read for detection (results pad rows to it)
 */
record ListLayout(List<String> header, int emailColumn, int sampleWidth) {

    private static final Pattern EMAIL_HEADER = Pattern.compile(
            "(?i)^\\s*(e[-_ ]?mail|email[-_ ]?address|e-mail[-_ ]?address|mail|courriel|correo|adresse|address|emailaddress)\\s*$");
    private static final Pattern EMAIL_HEADER_LOOSE = Pattern.compile("(?i).*(e[-_ ]?mail|courriel|correo).*");

    /**
     * @param sample the first rows of the file, not empty; the header row is taken off its front, so what is left
     *               are the first data rows
     */
    static ListLayout detect(Deque<List<String>> sample, IntakeOptions options) {
        boolean hasHeader = options.header() != null ? options.header() : holdsNoAddress(sample.peekFirst());
        List<String> header = hasHeader ? List.copyOf(sample.pollFirst()) : null;
        int emailColumn = emailColumn(header, sample, options);
        int width = header != null ? header.size() : 0;
        for (List<String> row : sample) {
            width = Math.max(width, row.size());
        }
        return new ListLayout(header, emailColumn, Math.max(width, emailColumn + 1));
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
