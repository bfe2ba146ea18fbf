package dev.mailsift.command.jobs;

import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;

import java.util.Locale;

/** Translates between the engine's verdict and the one carried by events (plain strings, stable codes). */
final class Verdicts {

    private Verdicts() {
    }

    static RowVerdict toRow(long index, Verdict v) {
        return new RowVerdict(index, v.email(), v.status().code(), v.reason().code(), v.syntaxValid(),
                v.normalizedEmail(), v.suggestion(), v.disposable(), v.role(), v.freeProvider(), v.catchAll(),
                v.mailboxFull(), v.smtputf8(), v.mxHost(), v.provider());
    }

    static Verdict toEngine(String email, RowVerdict r) {
        return new Verdict(email, Status.valueOf(r.status().toUpperCase(Locale.ROOT)),
                Reason.valueOf(r.reason().toUpperCase(Locale.ROOT)), r.syntaxValid(), r.normalizedEmail(),
                r.suggestion(), r.disposable(), r.role(), r.freeProvider(), r.catchAll(), r.mailboxFull(),
                r.smtputf8(), r.mxHost(), r.provider(), null);
    }

    /** For a row of a cancelled job whose chunk never ran. */
    static Verdict notChecked(String email) {
        return new Verdict(email, Status.UNKNOWN, Reason.NOT_CHECKED, false, null, null, false, false, false, false,
                false, false, null, null, "the job was cancelled before this address was checked");
    }
}
