package dev.mailsift.web.audit;

import dev.mailsift.api.user.ApiKeyView;
import dev.mailsift.api.user.FindApiKeys;
import dev.mailsift.command.webhooks.WebhookEndpoints;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Users read their own history: their account's events and each of their jobs' events, paged like the auditors'
 * stream. Someone else's job answers 404, like a job that does not exist. What operators did to the account shows
 * as done by {@code operator}, without the operator's id or address.
 */
@RestController
class HistoryController {

    static final String OPERATOR = "operator";

    private final StoredEvents stored;
    private final QueryGateway queries;

    HistoryController(StoredEvents stored, QueryGateway queries) {
        this.stored = stored;
        this.queries = queries;
    }

    @Operation(summary = "Read the account's history",
            description = "The caller's own account events, oldest first, page by page, shaped as in the audit "
                    + "stream. What an operator did shows `actor: operator`.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = AuditFilter.INVALID_QUERY)
    @GetMapping(path = "/api/v1/account/history", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditEventsController.EventPage account(@CursorAfter @RequestParam(required = false) String after,
                                            @PageLimit @RequestParam(required = false) String limit,
                                            @RequestParam(required = false) String type,
                                            @AuthenticationPrincipal AuthenticatedUser caller) {
        AuditFilter filter = AuditFilter.parse(after, limit, null, null, type, null, null, null, null, null)
                                        .ofAggregate("User", caller.userId());
        return ownView(stored.page(filter), caller);
    }

    @Operation(summary = "Read the webhook endpoints' history",
            description = "The caller's own webhook endpoint events (added, changed, secret rotated, disabled, "
                    + "deleted), oldest first, page by page, shaped as in the audit stream. Secrets show as "
                    + "`[redacted]`; what the service did (a failing endpoint disabled) shows `actor: system`.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "A query parameter is not valid (a bad cursor, a limit out of range); `errors` names it.")
    @GetMapping(path = "/api/v1/webhooks/history", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditEventsController.EventPage webhooks(@CursorAfter @RequestParam(required = false) String after,
                                             @PageLimit @RequestParam(required = false) String limit,
                                             @AuthenticationPrincipal AuthenticatedUser caller) {
        AuditFilter filter = AuditFilter.parse(after, limit, null, null, null, null, null, null, null, null)
                                        .ofAggregate("WebhookEndpoints", WebhookEndpoints.idOf(caller.userId()));
        return ownView(stored.page(filter), caller);
    }

    @Operation(summary = "Read a job's history",
            description = "The events of one of the caller's jobs, oldest first (not the per-row verdicts). "
                    + "Another account's job answers `404`.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = AuditFilter.INVALID_QUERY)
    @GetMapping(path = "/api/v1/jobs/{jobId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditEventsController.EventPage job(@PathVariable String jobId,
                                        @CursorAfter @RequestParam(required = false) String after,
                                        @PageLimit @RequestParam(required = false) String limit,
                                        @AuthenticationPrincipal AuthenticatedUser caller) {
        String owner = stored.firstPayloadField("BatchJob", jobId, "userId").orElse(null);
        if (!caller.userId().equals(owner)) {
            throw new ResourceNotFoundException("No such job.");
        }
        AuditFilter filter = AuditFilter.parse(after, limit, null, null, null, null, null, null, null, null)
                                        .ofAggregate("BatchJob", jobId);
        return ownView(stored.page(filter), caller);
    }

    /** The caller's own acts keep their actor and address; anyone else's are the operator's, unnamed. */
    private AuditEventsController.EventPage ownView(StoredEvents.Page page, AuthenticatedUser caller) {
        Set<String> own = new HashSet<>();
        own.add("user:" + caller.userId());
        own.add(AuditMetadata.SYSTEM);
        own.add("anonymous");
        List<ApiKeyView> keys = queries.query(new FindApiKeys(caller.userId()),
                ResponseTypes.multipleInstancesOf(ApiKeyView.class)).join();
        keys.forEach(key -> own.add("api_key:" + key.id()));
        List<AuditEvent> events = page.events().stream().map(event -> own.contains(event.actor()) ? event
                : new AuditEvent(event.position(), event.aggregateType(), event.aggregateId(), event.sequence(),
                        event.eventId(), event.type(), event.revision(), event.storedRevision(), event.timestamp(),
                        event.actor() == null ? null : OPERATOR, null, event.correlationId(), event.causationId(),
                        event.payload())).toList();
        return new AuditEventsController.EventPage(events, page.nextAfter(), page.more());
    }
}
