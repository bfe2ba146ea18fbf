package dev.mailsift.api.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Where granted credits come from. Stored events and outside consumers see the code, e.g. {@code sign_up}. */
public enum CreditSource {
    /** An operator granted them by hand. */
    OPERATOR("operator"),
    /** The trial credits every account gets once, when its address is confirmed. */
    SIGN_UP("sign_up"),
    /** A credit pack paid for through Stripe Checkout. */
    PACK_PURCHASE("pack_purchase"),
    /** A paid period of a subscription plan. */
    SUBSCRIPTION_PERIOD("subscription_period");

    private final String code;

    CreditSource(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static CreditSource ofCode(String code) {
        return Arrays.stream(values()).filter(source -> source.code.equals(code)).findFirst()
                     .orElseThrow(() -> new IllegalArgumentException("no credit source " + code));
    }
}
