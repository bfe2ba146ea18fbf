package dev.mailsift.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The result of verifying one address. JSON names are snake_case (see {@link dev.mailsift.engine.cli.MailSiftCli}).
 *
 * @param email           the address exactly as given
 * @param status          the headline
 * @param reason          why
 * @param syntaxValid     whether the address is syntactically valid for mail delivery
 * @param normalizedEmail provider-aware canonical form (lower-case, Gmail dots and +tags removed, Unicode domain); null if invalid
 * @param suggestion      a typo fix such as {@code john@gmail.com} for {@code john@gmial.com}; null if none
 * @param mxHost          the MX host that answered (or would be asked first); null offline
 * @param provider        mailbox provider guessed from MX host or domain ({@code google}, {@code microsoft}, ...); null if unknown
 * @param detail          human-readable detail: the syntax rule broken or the SMTP reply; null if none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"email", "status", "reason", "syntax_valid", "normalized_email", "suggestion", "disposable", "role",
        "free_provider", "catch_all", "mailbox_full", "smtputf8", "mx_host", "provider", "detail"})
public record Verdict(
        @JsonProperty("email") String email,
        @JsonProperty("status") Status status,
        @JsonProperty("reason") Reason reason,
        @JsonProperty("syntax_valid") boolean syntaxValid,
        @JsonProperty("normalized_email") String normalizedEmail,
        @JsonProperty("suggestion") String suggestion,
        @JsonProperty("disposable") boolean disposable,
        @JsonProperty("role") boolean role,
        @JsonProperty("free_provider") boolean freeProvider,
        @JsonProperty("catch_all") boolean catchAll,
        @JsonProperty("mailbox_full") boolean mailboxFull,
        @JsonProperty("smtputf8") boolean smtputf8,
        @JsonProperty("mx_host") String mxHost,
        @JsonProperty("provider") String provider,
        @JsonProperty("detail") String detail) {

    /**
     * Whether the user pays for this verdict: {@code unknown} is free (we could not tell), and so is what the address
     * alone shows ({@code bad_syntax}, {@code unknown_tld}): no lookup or probe was needed to tell.
     */
    public boolean billable() {
        return status != Status.UNKNOWN && reason != Reason.BAD_SYNTAX && reason != Reason.UNKNOWN_TLD;
    }

    public Verdict withStatus(Status newStatus, Reason newReason, String newDetail) {
        return new Verdict(email, newStatus, newReason, syntaxValid, normalizedEmail, suggestion, disposable, role,
                freeProvider, catchAll, mailboxFull, smtputf8, mxHost, provider, newDetail);
    }
}
