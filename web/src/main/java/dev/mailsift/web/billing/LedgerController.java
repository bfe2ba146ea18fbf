package dev.mailsift.web.billing;

import dev.mailsift.api.billing.FindLedgerEntries;
import dev.mailsift.api.billing.LedgerEntry;
import dev.mailsift.api.billing.LedgerPage;
import dev.mailsift.web.audit.AsOfStates;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The caller's statement: every movement of their credits, newest first, as JSON pages or as a CSV file; with
 * {@code as_of}, the statement as it stood at that instant: the movements up to then and the balance held then.
 */
@RestController
@RequestMapping("/api/v1/billing/ledger")
class LedgerController {

    /** The CSV file holds at most this many movements, newest first; the JSON pages reach every one. */
    static final int CSV_ROWS = 10_000;

    private final QueryGateway queries;
    private final AsOfStates states;

    LedgerController(QueryGateway queries, AsOfStates states) {
        this.queries = queries;
        this.states = states;
    }

    @Operation(summary = "Read the credit ledger",
            description = "Every movement of the caller's credits, newest first, page by page; with `as_of`, "
                    + "the statement as it stood then: the movements up to that instant and the balance held "
                    + "then. With `Accept: text/csv`, a file of the newest 10,000.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "A query parameter is not valid (`page`, `size` out of range, `as_of` not an ISO-8601"
                    + " instant).")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Statement statement(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
                        @RequestParam(name = "as_of", required = false) Instant asOf,
                        @AuthenticationPrincipal AuthenticatedUser caller) {
        LedgerPage entries = entries(caller.userId(), page, size, asOf);
        Balance balance = asOf == null ? null : states.account(caller.userId(), asOf)
                .map(state -> new Balance(asOf, state.creditsAvailable(), state.creditsReserved()))
                .orElse(new Balance(asOf, 0, 0));
        return new Statement(entries.entries().stream().map(Movement::of).toList(), entries.page(), entries.size(),
                entries.total(), balance);
    }

    @Operation(summary = "Read the credit ledger",
            description = "Every movement of the caller's credits, newest first, page by page; with `as_of`, "
                    + "the statement as it stood then: the movements up to that instant and the balance held "
                    + "then. With `Accept: text/csv`, a file of the newest 10,000.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "`as_of` is not an ISO-8601 instant.")
    @GetMapping(produces = "text/csv")
    ResponseEntity<String> statementFile(@RequestParam(name = "as_of", required = false) Instant asOf,
                                         @AuthenticationPrincipal AuthenticatedUser caller) {
        StringBuilder csv = new StringBuilder("time,kind,amount,source,reference,available_after,reserved_after\n");
        for (LedgerEntry entry : entries(caller.userId(), 0, CSV_ROWS, asOf).entries()) {
            csv.append(entry.occurredAt()).append(',').append(entry.kind()).append(',').append(entry.amount())
               .append(',').append(entry.source()).append(',').append(csvField(entry.reference())).append(',')
               .append(entry.availableAfter()).append(',').append(entry.reservedAfter()).append('\n');
        }
        return ResponseEntity.ok()
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mailsift-statement.csv\"")
                             .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                             .body(csv.toString());
    }

    private LedgerPage entries(String userId, int page, int size, Instant upTo) {
        return queries.query(new FindLedgerEntries(userId, page, size, upTo),
                ResponseTypes.instanceOf(LedgerPage.class)).join();
    }

    /** References are ids we made or Stripe's; quoted anyway, and never starting a formula in a spreadsheet. */
    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    /** @param balance the caller's balance at the {@code as_of} instant asked for (folded from the events), or null */
    record Statement(List<Movement> entries, int page, int size, long total, Balance balance) {
    }

    /** What the account held at an instant; before it was opened, nothing. */
    record Balance(Instant asOf, long creditsAvailable, long creditsReserved) {
    }

    record Movement(Instant time, String kind, long amount, String source, String reference, long availableAfter,
                    long reservedAfter) {

        static Movement of(LedgerEntry entry) {
            return new Movement(entry.occurredAt(), entry.kind(), entry.amount(), entry.source(), entry.reference(),
                    entry.availableAfter(), entry.reservedAfter());
        }
    }
}
