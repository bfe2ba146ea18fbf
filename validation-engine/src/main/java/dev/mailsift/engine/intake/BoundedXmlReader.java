package dev.mailsift.engine.intake;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Hands an XML part to a parser while refusing any single construct longer than a limit: a tag with its attributes
 * and the text after it (up to the next {@code <}), a comment, a CDATA section, a processing instruction. Parsers
 * hold such a construct whole before reporting it (the JDK's SAX parser does for attribute values, comments, CDATA
 * and processing instructions), so this bounds what parsing a part can cost, whatever the part holds. Works on
 * characters, so it sees the same {@code <} and {@code >} the parser does in any encoding.
 */
final class BoundedXmlReader extends Reader {

    private enum Construct { TAG_OR_TEXT, OPENING, COMMENT, CDATA, PROCESSING_INSTRUCTION }

    private final Reader in;
    private final String part;
    private final long limit;
    private final StringBuilder opening = new StringBuilder();
    private Construct construct = Construct.TAG_OR_TEXT;
    private long length;
    private char previous;
    private char beforePrevious;

    BoundedXmlReader(Reader in, String part, long limit) {
        this.in = in;
        this.part = part;
        this.limit = limit;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = in.read(buffer, offset, count);
        for (int i = offset; i < offset + n; i++) {
            see(buffer[i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '<' && (construct == Construct.TAG_OR_TEXT || construct == Construct.OPENING)) {
            construct = Construct.OPENING;
            opening.setLength(0);
            length = 0;
        } else if (construct == Construct.OPENING) {
            opening.append(c);
            construct = kindOf(opening);
            if (construct != Construct.TAG_OR_TEXT && construct != Construct.OPENING) {
                c = 0; // the opening's characters cannot also close it, as in <!-->
            }
        } else if (closes(c)) {
            construct = Construct.TAG_OR_TEXT;
            length = 0;
        }
        if (++length > limit) {
            throw new IntakeException(IntakeException.Kind.TOO_LARGE, String.format(Locale.ROOT,
                    "%s holds an XML tag, comment or stretch of text longer than %,d characters", part, limit));
        }
        beforePrevious = previous;
        previous = c;
    }

    /** What follows a {@code <}: still undecided while the characters so far may begin a comment or CDATA. */
    private static Construct kindOf(CharSequence afterLessThan) {
        if (afterLessThan.length() == 1 && afterLessThan.charAt(0) == '?') {
            return Construct.PROCESSING_INSTRUCTION;
        }
        if (begins("!--", afterLessThan)) {
            return afterLessThan.length() == 3 ? Construct.COMMENT : Construct.OPENING;
        }
        if (begins("![CDATA[", afterLessThan)) {
            return afterLessThan.length() == 8 ? Construct.CDATA : Construct.OPENING;
        }
        return Construct.TAG_OR_TEXT;
    }

    private static boolean begins(String opener, CharSequence seen) {
        if (seen.length() > opener.length()) {
            return false;
        }
        for (int i = 0; i < seen.length(); i++) {
            if (seen.charAt(i) != opener.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean closes(char c) {
        return c == '>' && switch (construct) {
            case COMMENT -> previous == '-' && beforePrevious == '-';
            case CDATA -> previous == ']' && beforePrevious == ']';
            case PROCESSING_INSTRUCTION -> previous == '?';
            default -> false;
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
