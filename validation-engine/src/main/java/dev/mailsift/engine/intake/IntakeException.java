package dev.mailsift.engine.intake;

import java.util.Locale;

/** A list file we refuse, with a stable {@link Kind} code for the user-facing error. */
public class IntakeException extends RuntimeException {

    public enum Kind {
        EMPTY, TOO_LARGE, BINARY, UNSUPPORTED_FORMAT, ZIP_BOMB, MALFORMED, ROW_TOO_LARGE, CELL_TOO_LARGE, TOO_MANY_COLUMNS,
        TOO_MANY_ROWS, NO_EMAIL_COLUMN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public IntakeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public IntakeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
