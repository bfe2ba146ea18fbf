package dev.mailsift.command.jobs;

import dev.mailsift.api.job.RejectionReason;

/** A list intake turned away, with the reason code and the words the user sees. */
public class IntakeRejection extends Exception {

    private final RejectionReason reason;

    public IntakeRejection(RejectionReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
