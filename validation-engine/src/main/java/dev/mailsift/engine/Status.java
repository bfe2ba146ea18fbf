package dev.mailsift.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The verdict's headline. {@link #UNKNOWN} is never a guess: we could not tell. */
public enum Status {
    DELIVERABLE, UNDELIVERABLE, RISKY, UNKNOWN;

    /** Lower-case once: it is written for every verdict. */
    private final String code = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String code() {
        return code;
    }

    public static Status fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
