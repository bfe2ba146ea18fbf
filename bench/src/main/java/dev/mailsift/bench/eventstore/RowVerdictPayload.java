package dev.mailsift.bench.eventstore;

import java.util.List;

/**
 * Stand-in for MailSift's per-row verdict event ({@code RowValidated}): the shape and size
 * (~300 bytes of JSON) matter here, not the exact contract in core-api.
 */
public record RowVerdictPayload(
        String jobId,
        long rowNumber,
        String email,
        String status,
        String reason,
        List<String> flags,
        String suggestion,
        String mxHost,
        int smtpCode,
        String smtpMessage,
        String checkedAt,
        long durationMillis) {

    private static final String[] STATUSES = {"deliverable", "undeliverable", "risky", "unknown"};
    private static final String[] REASONS = {"accepted_email", "mailbox_not_found", "catch_all", "greylisted"};

    static RowVerdictPayload sample(String jobId, long rowNumber) {
        int k = (int) (rowNumber & 3);
        return new RowVerdictPayload(
                jobId,
                rowNumber,
                "user" + rowNumber + "@example.com",
                STATUSES[k],
                REASONS[k],
                k == 2 ? List.of("catch_all", "free_provider") : List.of("free_provider"),
                null,
                "mx" + (k + 1) + ".example.com",
                k == 1 ? 550 : 250,
                k == 1 ? "5.1.1 user unknown" : "2.1.5 OK",
                "2025-06-01T12:34:56.789Z",
                120L + k * 37L);
    }
}
