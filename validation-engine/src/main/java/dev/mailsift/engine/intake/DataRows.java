package dev.mailsift.engine.intake;

import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The data rows of a list, in file order: first those read to detect its layout, then the rest as they stream
 * in. Extracts each row's address and marks the mailboxes seen before; bounds columns and rows.
 */
final class DataRows implements Iterator<InputRow> {

    private final Deque<List<String>> sampled;
    private final Iterator<List<String>> rest;
    private final int emailColumn;
    private final IntakeOptions options;
    /** Hashes of the mailboxes seen: 8 bytes a row, however long the addresses. */
    private final LongHashSet seen = new LongHashSet();
    private long rowNumber;

    /**
     * @param sampled the data rows read while detecting the layout (header and preamble already taken off)
     * @param rest    the rows after them
     */
    DataRows(Deque<List<String>> sampled, Iterator<List<String>> rest, int emailColumn, IntakeOptions options) {
        this.sampled = sampled;
        this.rest = rest;
        this.emailColumn = emailColumn;
        this.options = options;
    }

    @Override
    public boolean hasNext() {
        return !sampled.isEmpty() || ListReader.readingRow(rowNumber + 1, rest::hasNext);
    }

    @Override
    public InputRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ListReader.readingRow(rowNumber + 1, this::nextRow);
    }

    private InputRow nextRow() {
        List<String> cells = !sampled.isEmpty() ? sampled.pollFirst() : rest.next();
        if (cells.size() > options.maxColumns()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS,
                    "row " + (rowNumber + 1) + " has " + cells.size() + " cells; the limit is " + options.maxColumns());
        }
        rowNumber++;
        if (rowNumber > options.maxRows()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_ROWS, "more than " + options.maxRows() + " rows");
        }
        String email = emailColumn < cells.size() ? EmailExtractor.extract(cells.get(emailColumn)) : null;
        String dedupeKey = email != null ? ListReader.dedupeKey(email) : null;
        boolean duplicate = dedupeKey != null && !seen.add(hash(dedupeKey));
        return new InputRow(rowNumber, List.copyOf(cells), email, dedupeKey, duplicate);
    }

    /** 64-bit FNV-1a. */
    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
