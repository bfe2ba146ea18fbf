package dev.mailsift.engine.intake;

/**
 * A cell reference such as {@code B7}, read as fastexcel-reader reads one ({@code $} and lower case allowed, an empty
 * reference is A1) but without its int overflow: a column or row past {@link Long#MAX_VALUE} is that value.
 *
 * @param column 1-based
 * @param row    1-based
 */
record CellReference(long column, long row) {

    /** Null when the text is not a cell reference. */
    static CellReference parse(String text) {
        if (text.isEmpty()) {
            return new CellReference(1, 1);
        }
        int i = text.charAt(0) == '$' ? 1 : 0;
        long column = 0;
        int letters = i;
        for (; i < text.length() && isLetter(text.charAt(i)); i++) {
            column = times26Plus(column, Character.toUpperCase(text.charAt(i)) - 'A' + 1);
        }
        if (i == letters) {
            return null;
        }
        if (i < text.length() && text.charAt(i) == '$') {
            i++;
        }
        long row = number(text, i);
        return row < 0 ? null : new CellReference(column, row);
    }

    /** The digits of {@code text} from {@code from} on, saturating; -1 if there are none or anything else follows. */
    static long number(String text, int from) {
        if (from >= text.length()) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }

    private static long times26Plus(long n, int digit) {
        return n > (Long.MAX_VALUE - 26) / 26 ? Long.MAX_VALUE : n * 26 + digit;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
