package dev.mailsift.engine.intake;

import org.xml.sax.Attributes;

/**
 * The first worksheet, checked before fastexcel-reader reads it. fastexcel sizes a row's cell list by the column of
 * its last cell, reads each value, formula and inline string whole, keeps the shared strings up to the highest one a
 * cell refers to and keeps every shared and array formula until the sheet ends: those are what this bounds. Where
 * fastexcel's reading of oddly nested XML differs from the element structure, the scan counts more, never less:
 * every {@code <c>} is a cell, nested text counts towards the outermost value, a row is its whole element.
 */
final class SheetBounds extends XmlPartScan {

    /** Excel's own limit on the length of a formula. */
    static final int MAX_FORMULA_CHARS = 8_192;
    /** fastexcel keeps shared and array formulas until the sheet ends (and looks through the array ones for each cell). */
    static final int MAX_KEPT_FORMULAS = 10_000;

    private final IntakeOptions options;
    private long highestSharedString = -1;
    private int keptFormulas;
    private int rowDepth;
    private long rowsStarted;
    private long rowNumber;
    private long cellsInRow;
    private long rowChars;
    private String cellReference;
    private boolean sharedStringCell;
    private String textElement;
    private int textDepth;
    private long textChars;
    private boolean textIsSharedStringIndex;
    private long sharedStringIndex;

    SheetBounds(String part, IntakeOptions options) {
        super(part);
        this.options = options;
    }

    /** The highest shared-string index a cell refers to, -1 if none does. */
    long highestSharedString() {
        return highestSharedString;
    }

    @Override
    void start(String name, Attributes attributes) {
        switch (name) {
            case "dimension" -> checkDimension(attributes.getValue("ref"));
            case "row" -> startRow(attributes.getValue("r"));
            case "c" -> startCell(attributes.getValue("r"), attributes.getValue("t"));
            case "f" -> countKeptFormula(attributes.getValue("t"), attributes.getValue("ref"));
            default -> {
            }
        }
        if (textElement != null) {
            textDepth++;
        } else if (name.equals("v") || name.equals("f") || name.equals("is")) {
            textElement = name;
            textDepth = 1;
            textChars = 0;
            textIsSharedStringIndex = sharedStringCell && name.equals("v");
            sharedStringIndex = 0;
        }
    }

    @Override
    void end(String name) {
        if (textElement != null && --textDepth == 0) {
            if (textIsSharedStringIndex && textChars > 0) {
                noteSharedString(sharedStringIndex);
            }
            textElement = null;
        }
        if (name.equals("row") && depth() == rowDepth) {
            rowDepth = 0;
        }
    }

    @Override
    public void characters(char[] text, int start, int length) {
        if (textElement == null) {
            return;
        }
        textChars += length;
        if (textElement.equals("f") && textChars > MAX_FORMULA_CHARS) {
            throw new IntakeException(IntakeException.Kind.CELL_TOO_LARGE, cellName() + " has a formula longer than "
                    + count(MAX_FORMULA_CHARS) + " characters, Excel's own limit");
        }
        if (textChars > options.maxCellChars()) {
            throw new IntakeException(IntakeException.Kind.CELL_TOO_LARGE, cellName() + " holds more than "
                    + count(options.maxCellChars()) + " characters; a cell may hold at most " + count(options.maxCellChars()));
        }
        if (rowDepth > 0) {
            rowChars += length;
            if (rowChars > options.maxRowChars()) {
                throw new IntakeException(IntakeException.Kind.ROW_TOO_LARGE,
                        "row " + count(rowNumber) + " holds more than " + count(options.maxRowChars()) + " characters");
            }
        }
        if (textIsSharedStringIndex) {
            for (int i = start; i < start + length; i++) {
                if (text[i] >= '0' && text[i] <= '9') {
                    sharedStringIndex = sharedStringIndex > (Long.MAX_VALUE - 9) / 10
                            ? Long.MAX_VALUE : sharedStringIndex * 10 + (text[i] - '0');
                }
            }
        }
    }

    /** fastexcel never reads the declared size, but a sheet that says it is too wide or too long is refused early. */
    private void checkDimension(String range) {
        if (range == null) {
            return;
        }
        long columns = 0;
        long rows = 0;
        for (String corner : range.split(":", 3)) {
            CellReference at = CellReference.parse(corner);
            if (at == null) {
                return;
            }
            columns = Math.max(columns, at.column());
            rows = Math.max(rows, at.row());
        }
        if (columns > options.maxColumns()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "the sheet says it spans " + count(columns)
                    + " columns (" + shorten(range) + "); lists may use at most " + count(options.maxColumns()) + " columns");
        }
        if (rows > lastRowAllowed()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_ROWS, "the sheet says it spans " + count(rows)
                    + " rows (" + shorten(range) + "); lists may have at most " + count(options.maxRows()) + " rows");
        }
    }

    private void startRow(String number) {
        if (rowDepth > 0) {
            return;
        }
        rowDepth = depth();
        rowsStarted++;
        cellsInRow = 0;
        rowChars = 0;
        long declared = number == null ? -1 : CellReference.number(number, 0);
        rowNumber = declared > 0 ? declared : rowsStarted;
        if (rowNumber > lastRowAllowed()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_ROWS, "the sheet has a row numbered " + count(rowNumber)
                    + "; lists may have at most " + count(options.maxRows()) + " rows");
        }
    }

    private void startCell(String reference, String type) {
        cellsInRow++;
        cellReference = reference;
        sharedStringCell = "s".equals(type);
        if (reference == null) {
            // fastexcel places a cell without a reference after the row's earlier cells
            if (cellsInRow > options.maxColumns()) {
                throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "row " + count(rowNumber) + " has more than "
                        + count(options.maxColumns()) + " cells; lists may use at most " + count(options.maxColumns()) + " columns");
            }
            return;
        }
        CellReference at = CellReference.parse(reference);
        if (at == null) {
            throw malformed("the sheet has a cell at \"" + shorten(reference) + "\", which is not a cell reference");
        }
        if (at.column() > options.maxColumns()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_COLUMNS, "a cell (" + shorten(reference) + ") sits in column "
                    + count(at.column()) + "; lists may use at most " + count(options.maxColumns()) + " columns");
        }
        if (at.row() > lastRowAllowed()) {
            throw new IntakeException(IntakeException.Kind.TOO_MANY_ROWS, "a cell (" + shorten(reference) + ") sits in row "
                    + count(at.row()) + "; lists may have at most " + count(options.maxRows()) + " rows");
        }
    }

    private void countKeptFormula(String type, String range) {
        if (range != null && ("shared".equals(type) || "array".equals(type)) && ++keptFormulas > MAX_KEPT_FORMULAS) {
            throw new IntakeException(IntakeException.Kind.TOO_LARGE,
                    "the sheet defines more than " + count(MAX_KEPT_FORMULAS) + " shared or array formulas");
        }
    }

    private void noteSharedString(long index) {
        if (index >= options.maxSharedStrings()) {
            throw new IntakeException(IntakeException.Kind.TOO_LARGE, cellName() + " refers to shared string number "
                    + count(index) + "; a sheet may use at most " + count(options.maxSharedStrings()) + " shared strings");
        }
        highestSharedString = Math.max(highestSharedString, index);
    }

    /** A header row and {@code maxRows} data rows. */
    private long lastRowAllowed() {
        return options.maxRows() + 1;
    }

    private String cellName() {
        return cellReference != null ? "cell " + shorten(cellReference) : "cell " + count(cellsInRow) + " of row " + count(rowNumber);
    }

    private static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }
}
