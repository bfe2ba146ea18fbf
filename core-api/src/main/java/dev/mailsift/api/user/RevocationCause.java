package dev.mailsift.api.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Why paid credits are taken back. Stored events and outside consumers see the code, e.g. {@code refund}. */
public enum RevocationCause {
    /** The charge that paid for them was refunded, in full or in part. */
    REFUND("refund"),
    /** The charge that paid for them was disputed and the dispute was lost. */
    DISPUTE("dispute");

    private final String code;

    RevocationCause(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static RevocationCause ofCode(String code) {
        return Arrays.stream(values()).filter(cause -> cause.code.equals(code)).findFirst()
                     .orElseThrow(() -> new IllegalArgumentException("no revocation cause " + code));
    }
}
