package dev.mailsift.api.job;

/**
 * The verdict on one unique address of a job.
 *
 * @param index  position of the address in the job's check list (first-seen order)
 * @param status {@code deliverable} | {@code undeliverable} | {@code risky} | {@code unknown}
 * @param reason a reason code such as {@code mailbox_not_found} or {@code no_mx}
 */
public record RowVerdict(long index, String email, String status, String reason, boolean syntaxValid,
                         String normalizedEmail, String suggestion, boolean disposable, boolean role,
                         boolean freeProvider, boolean catchAll, boolean mailboxFull, boolean smtputf8,
                         String mxHost, String provider) {

    /**
     * {@code unknown} is never charged, nor is what the address alone shows: invalid syntax, or a top-level domain
     * that is not delegated ({@code unknown_tld}, syntactically valid).
     */
    public boolean billable() {
        return syntaxValid && !"unknown".equals(status) && !"unknown_tld".equals(reason);
    }
}
