package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a verification of the chain found: how many sealed events it checked, where sealing stands, the last signed
 * checkpoint, and the first position that does not match, if any (verification stops there).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IntegrityReport(boolean ok,
                       long checked,
                       @JsonProperty("sealed_through") long sealedThrough,
                       String head,
                       @JsonProperty("unsealed") long unsealed,
                       @JsonProperty("last_checkpoint") Checkpoint lastCheckpoint,
                       @JsonProperty("first_failure") Failure firstFailure,
                       @JsonProperty("elapsed_ms") long elapsedMs) {

    /** Why a position fails. */
    enum Reason {
        /** The event stored there is not the one sealed there (any column: payload, metadata, type, …). */
        PAYLOAD_CHANGED,
        /** A sealed event is gone (or an event and its seal both are: the next seal no longer follows). */
        MISSING,
        /** The event stored there was sealed at another position. */
        REORDERED,
        /** An event sits at a position the chain had passed without it. */
        INSERTED,
        /** A checkpoint's signature does not verify, or is not made by a trusted key. */
        BAD_SIGNATURE,
        /** A correctly signed checkpoint does not match the events before it: they were altered and resealed. */
        CHECKPOINT_MISMATCH;

        @JsonValue
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Failure(long position, Reason reason, String detail) {
    }
}
