package dev.mailsift.engine.intake;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * The shared-string table, read as fastexcel-reader reads it: an item runs from an {@code <si>} to the first
 * {@code </si>} outside its text, its text is that of its {@code <t>} elements (phonetic {@code <rPh>} runs skipped
 * up to the first {@code </rPh>}), and the table is read, and kept in memory, up to the highest item a cell refers
 * to; so each item up to there is bounded, and so is their text together.
 */
final class SharedStringBounds extends XmlPartScan {

    private final IntakeOptions options;
    private final long lastItem;
    private long item = -1;
    private boolean inItem;
    private boolean inPhonetic;
    private int textDepth;
    private long itemChars;
    private long tableChars;

    /** @param lastItem the highest index a cell refers to (fastexcel reads the table's start even when none does) */
    SharedStringBounds(String part, IntakeOptions options, long lastItem) {
        super(part);
        this.options = options;
        this.lastItem = Math.max(lastItem, 0);
    }

    @Override
    void start(String name, Attributes attributes) {
        if (inPhonetic) {
            return;
        }
        if (textDepth > 0) {
            textDepth++;
        } else if (!inItem) {
            if (name.equals("si")) {
                inItem = true;
                item++;
                itemChars = 0;
            }
        } else if (name.equals("t")) {
            textDepth = 1;
        } else if (name.equals("rPh")) {
            inPhonetic = true;
        }
    }

    @Override
    void end(String name) throws SAXException {
        if (inPhonetic) {
            inPhonetic = !name.equals("rPh");
        } else if (textDepth > 0) {
            textDepth--;
        } else if (inItem && name.equals("si")) {
            inItem = false;
            if (item >= lastItem) {
                stop();
            }
        }
    }

    @Override
    public void characters(char[] text, int start, int length) {
        if (textDepth == 0) {
            return;
        }
        itemChars += length;
        tableChars += length;
        if (itemChars > options.maxCellChars()) {
            throw new IntakeException(IntakeException.Kind.CELL_TOO_LARGE, "shared string number " + count(item)
                    + " holds more than " + count(options.maxCellChars()) + " characters; a cell may hold at most "
                    + count(options.maxCellChars()));
        }
        if (tableChars > options.maxSharedStringChars()) {
            throw new IntakeException(IntakeException.Kind.TOO_LARGE, "the shared strings the sheet uses hold more than "
                    + count(options.maxSharedStringChars()) + " characters together");
        }
    }
}
