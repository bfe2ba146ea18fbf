package dev.mailsift.command.jobs;

import dev.mailsift.api.job.RowVerdict;

/** Row verdicts for the pipeline's tests: the fields a test names, the rest as an address with a plain MX host. */
public final class RowVerdicts {

    private RowVerdicts() {
    }

    public static RowVerdict verdict(long index, String email, String status, String reason, boolean syntaxValid) {
        return new RowVerdict(index, email, status, reason, syntaxValid, syntaxValid ? email : null, null, false,
                false, false, false, false, false, syntaxValid ? "mx.example.com" : null, null);
    }
}
