package dev.mailsift.web.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The stored history for auditors and operators: the global stream in order, filtered and paged by a position
 * cursor, or streamed whole as NDJSON (one event per line) for an export; and one aggregate's events. Access is the
 * security configuration's (AUDITOR or ADMIN, reads only); every call is logged by {@link AuditReads}.
 */
@RestController
class AuditEventsController {

    static final String NDJSON = "application/x-ndjson";
    private static final int FLUSH_EVERY = 500;

    private final StoredEvents stored;
    private final AuditReads reads;
    private final ObjectMapper json;

    AuditEventsController(StoredEvents stored, AuditReads reads, ObjectMapper json) {
        this.stored = stored;
        this.reads = reads;
        this.json = json;
    }

    /**
     * A page of the global stream as JSON; with {@code Accept: application/x-ndjson}, the export: every matching
     * event of any range, in bounded memory (rows streamed from the database as they are written).
     */
    @Operation(summary = "Read the event stream",
            description = "Auditors and operators. The stored events in global order, filtered, page by page "
                    + "(`next_after` is the cursor). With `Accept: application/x-ndjson`, every matching "
                    + "event of any range as one JSON object per line, streamed (`limit` ignored). Every "
                    + "read is logged.")
    @Parameter(name = "aggregate_type", in = ParameterIn.QUERY,
            description = "`User`, `BatchJob`, `ValidationChunk`, `WebhookEndpoints` or `BillingCustomer`.")
    @Parameter(name = "actor", in = ParameterIn.QUERY,
            description = "Who did it, e.g. `user:<id>`, `api_key:<id>`, `operator`.")
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "An ISO-8601 instant, inclusive.")
    @Parameter(name = "to", in = ParameterIn.QUERY,
            description = "An ISO-8601 instant, exclusive.")
    @Parameter(name = "payload", in = ParameterIn.QUERY,
            description = "`current` (the default: upcast to the current revision) or `stored` (as written).")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = AuditFilter.INVALID_QUERY)
    @GetMapping("/api/v1/audit/events")
    EventPage events(@CursorAfter @RequestParam(required = false) String after,
                     @PageLimit @RequestParam(required = false) String limit,
                     @RequestParam(name = "aggregate_id", required = false) String aggregateId,
                     @RequestParam(name = "aggregate_type", required = false) String aggregateType,
                     @RequestParam(required = false) String type, @RequestParam(required = false) String actor,
                     @RequestParam(name = "correlation_id", required = false) String correlationId,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String payload,
                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                     HttpServletResponse response) throws IOException {
        boolean export = wantsExport(accept);
        AuditFilter filter = AuditFilter.parse(after, export ? null : limit, aggregateId, aggregateType, type, actor,
                correlationId, from, to, payload);
        return pageOrExport(filter, export, response);
    }

    /** One aggregate's events, oldest first; exported as NDJSON like the stream. */
    @Operation(summary = "Read one aggregate's events",
            description = "Auditors and operators. One aggregate's events, oldest first, as JSON pages or "
                    + "NDJSON like the event stream.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No events of this aggregate.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = AuditFilter.INVALID_QUERY)
    @GetMapping("/api/v1/audit/aggregates/{aggregateType}/{aggregateId}/events")
    EventPage aggregate(@PathVariable String aggregateType, @PathVariable String aggregateId,
                        @CursorAfter @RequestParam(required = false) String after,
                        @PageLimit @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String type,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String payload,
                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                        HttpServletResponse response) throws IOException {
        boolean export = wantsExport(accept);
        AuditFilter filter = AuditFilter.parse(after, export ? null : limit, aggregateId, aggregateType, type, null,
                null, from, to, payload);
        if (filter.aggregateType() == null || filter.aggregateId() == null
                || !stored.exists(filter.aggregateType(), filter.aggregateId())) {
            throw new ResourceNotFoundException("No such aggregate in the event store.");
        }
        return pageOrExport(filter, export, response);
    }

    /** The page {@code filter} selects; for an export, none: every matching event streamed as NDJSON instead. */
    private EventPage pageOrExport(AuditFilter filter, boolean export, HttpServletResponse response)
            throws IOException {
        if (export) {
            stream(filter, response);
            return null;
        }
        return EventPage.of(stored.page(filter));
    }

    /** The log of audit reads itself (reading it is logged too), oldest first, paged by its id. */
    @Operation(summary = "Read the log of audit reads",
            description = "Auditors and operators. Who read the audit history, when, what and from where, "
                    + "oldest first (reading it is logged too).")
    @Parameter(name = "reader_id", in = ParameterIn.QUERY,
            description = "Only the reads of this account.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = AuditFilter.INVALID_QUERY)
    @GetMapping(path = "/api/v1/audit/reads", produces = MediaType.APPLICATION_JSON_VALUE)
    ReadPage reads(@CursorAfter @RequestParam(required = false) String after,
                   @PageLimit @RequestParam(required = false) String limit,
                   @RequestParam(name = "reader_id", required = false) String readerId) {
        AuditFilter filter = AuditFilter.parse(after, limit, null, null, null, null, null, null, null, null);
        if (readerId != null && readerId.length() > 64) {
            throw new InvalidAuditQueryException("reader_id must be at most 64 characters");
        }
        List<AuditReads.Read> page = reads.after(filter.after(), filter.limit(),
                readerId == null || readerId.isBlank() ? null : readerId.strip());
        long next = page.isEmpty() ? filter.after() : page.getLast().id();
        return new ReadPage(page, next, page.size() == filter.limit());
    }

    static boolean wantsExport(String accept) {
        return accept != null && accept.contains(NDJSON);
    }

    private void stream(AuditFilter filter, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"mailsift-events.ndjson\"");
        OutputStream out = response.getOutputStream();
        int[] written = {0};
        stored.export(filter, event -> {
            try {
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
                if (++written[0] % FLUSH_EVERY == 0) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /**
     * @param nextAfter the {@code after} of the next page; also where to resume polling for new events
     * @param more      false once the page reached the head of the store
     */
    record EventPage(List<AuditEvent> events, long nextAfter, boolean more) {
        static EventPage of(StoredEvents.Page page) {
            return new EventPage(page.events(), page.nextAfter(), page.more());
        }
    }

    record ReadPage(List<AuditReads.Read> reads, long nextAfter, boolean more) {
    }
}
