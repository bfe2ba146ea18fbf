package dev.mailsift.api.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Why credits could not be reserved. Stored events and outside consumers see the code, e.g. {@code insufficient_credits}. */
public enum SpendingRefusal {
    /** The balance does not cover the request. */
    INSUFFICIENT_CREDITS("insufficient_credits"),
    /** The sign-up address is not confirmed yet. */
    EMAIL_NOT_CONFIRMED("email_not_confirmed"),
    /** An operator suspended the account. */
    ACCOUNT_SUSPENDED("account_suspended");

    private final String code;

    SpendingRefusal(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static SpendingRefusal ofCode(String code) {
        return Arrays.stream(values()).filter(refusal -> refusal.code.equals(code)).findFirst()
                     .orElseThrow(() -> new IllegalArgumentException("no spending refusal " + code));
    }
}
