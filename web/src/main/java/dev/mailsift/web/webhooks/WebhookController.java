package dev.mailsift.web.webhooks;

import dev.mailsift.api.webhooks.AddWebhookEndpoint;
import dev.mailsift.api.webhooks.ChangeWebhookEndpoint;
import dev.mailsift.api.webhooks.FindWebhookEndpoint;
import dev.mailsift.api.webhooks.FindWebhookEndpoints;
import dev.mailsift.api.webhooks.RemoveWebhookEndpoint;
import dev.mailsift.api.webhooks.RotateWebhookSecret;
import dev.mailsift.api.webhooks.WebhookEndpointView;
import dev.mailsift.api.webhooks.WebhookEventType;
import dev.mailsift.command.webhooks.WebhookEndpoints;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.security.SecretBox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The caller's webhook endpoints (docs/webhooks.md). The signing secret is made here and shown once, in the answer
 * to {@code POST} and to {@code rotate-secret}; it is kept sealed, because the sender needs it back to sign.
 * Another account's endpoint is as unknown as a made-up one: 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final SecretBox secrets;
    private final WebhookUrls urls;
    private final WebhookOutbox outbox;
    private final WebhookPayloads payloads;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookController(CommandGateway commands, QueryGateway queries, SecretBox secrets, WebhookUrls urls,
                      WebhookOutbox outbox, WebhookPayloads payloads, WebhookProperties properties, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.secrets = secrets;
        this.urls = urls;
        this.outbox = outbox;
        this.payloads = payloads;
        this.properties = properties;
        this.clock = clock;
    }

    record EndpointRequest(@NotBlank @Size(max = 2000) String url,
                           @Size(max = 500) String description,
                           @Schema(description = "Known event types (see `GET /api/v1/webhooks`); empty or absent: all.")
                           @Size(max = 20) List<@NotBlank @Size(max = 64) String> eventTypes) {
    }

    record EndpointChange(@Size(max = 2000) String url,
                          @Size(max = 500) String description,
                          @Size(max = 20) List<@NotBlank @Size(max = 64) String> eventTypes,
                          Boolean enabled) {
    }

    /** {@code since} is checked after the endpoint: another account's endpoint answers 404 whatever the body. */
    record RecoverRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            description = "Messages since this instant (ISO-8601) that failed or were dropped are sent again.")
                          Instant since) {
    }

    /** An endpoint as the API shows it; {@code secret} only right after it was made. */
    record EndpointResponse(String id, String url, String description, List<String> eventTypes, boolean enabled,
                            String disabledReason, Instant createdAt, String secret) {

        static EndpointResponse of(WebhookEndpointView view, String secret) {
            return new EndpointResponse(view.id(), view.url(), view.description(), view.eventTypes(),
                    view.enabled(), view.disabledReason(), view.createdAt(), secret);
        }
    }

    record EndpointList(List<EndpointResponse> webhooks, List<String> eventTypes) {
    }

    record MessageAccepted(String messageId) {
    }

    record Recovered(int messages) {
    }

    record AttemptView(int attempt, Instant attemptedAt, Integer statusCode, long latencyMs, String error,
                       String responseBody) {
    }

    record DeliveryView(String messageId, String eventType, Instant createdAt, String state, Instant nextAttemptAt,
                        List<AttemptView> attempts) {
    }

    record DeliveryPage(List<DeliveryView> deliveries, int page, int size, long total) {
    }

    @Operation(summary = "Add a webhook endpoint",
            description = "Adds an endpoint (`http` or `https` URL, at most 2,000 characters) for all event "
                    + "types or the listed ones (at most 20). Answers `201` with its signing secret "
                    + "(`whsec_…`), shown this once.")
    @ProblemResponse(status = 422, type = ProblemType.WEBHOOK_URL_REFUSED,
            when = "The URL is not `http`/`https`, carries credentials, cannot be resolved, or is or "
                    + "resolves to a non-public address.")
    @ProblemResponse(status = 409, type = ProblemType.WEBHOOK_LIMIT_REACHED,
            when = "The account has 10 endpoints already; delete one first.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "An event type is unknown.")
    @Idempotent
    @PostMapping
    ResponseEntity<EndpointResponse> add(@Valid @RequestBody EndpointRequest request,
                                         @RequestHeader(name = Idempotent.HEADER, required = false)
                                         @Size(max = Idempotent.MAX_KEY_LENGTH) String idempotencyKey,
                                         @AuthenticationPrincipal AuthenticatedUser caller) {
        String url = urls.check(request.url());
        String endpointId = "ep_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSignatures.newSecret();
        commands.sendAndWait(new AddWebhookEndpoint(WebhookEndpoints.idOf(caller.userId()), caller.userId(),
                endpointId, url, request.description(), request.eventTypes(),
                secrets.seal(caller.userId(), secret)));
        return ResponseEntity.status(HttpStatus.CREATED)
                             .location(URI.create("/api/v1/webhooks/" + endpointId))
                             .body(EndpointResponse.of(require(caller, endpointId), secret));
    }

    @Operation(summary = "List webhook endpoints",
            description = "The caller's endpoints (without secrets) and every event type there is.")
    @GetMapping
    EndpointList list(@AuthenticationPrincipal AuthenticatedUser caller) {
        List<WebhookEndpointView> endpoints = queries.query(new FindWebhookEndpoints(caller.userId()),
                ResponseTypes.multipleInstancesOf(WebhookEndpointView.class)).join();
        return new EndpointList(endpoints.stream().map(view -> EndpointResponse.of(view, null)).toList(),
                java.util.Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList());
    }

    @Operation(summary = "Read a webhook endpoint",
            description = "One endpoint, without its secret. Another account's answers `404`.")
    @GetMapping("/{endpointId}")
    EndpointResponse get(@PathVariable @Size(max = 64) String endpointId,
                         @AuthenticationPrincipal AuthenticatedUser caller) {
        return EndpointResponse.of(require(caller, endpointId), null);
    }

    @Operation(summary = "Change a webhook endpoint",
            description = "Changes any of `url`, `description`, `event_types`, `enabled`; a field left out "
                    + "stays. `enabled: true` re-enables an endpoint disabled after failing deliveries.")
    @ProblemResponse(status = 422, type = ProblemType.WEBHOOK_URL_REFUSED,
            when = "The new URL is refused (not public, credentials, not `http`/`https`).")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "An event type is unknown.")
    @PatchMapping("/{endpointId}")
    EndpointResponse change(@PathVariable @Size(max = 64) String endpointId,
                            @Valid @RequestBody EndpointChange change,
                            @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        String url = change.url() == null ? null : urls.check(change.url());
        commands.sendAndWait(new ChangeWebhookEndpoint(WebhookEndpoints.idOf(caller.userId()), caller.userId(),
                endpointId, url, change.description(), change.eventTypes(), change.enabled()));
        return EndpointResponse.of(require(caller, endpointId), null);
    }

    @Operation(summary = "Delete a webhook endpoint",
            description = "Deletes an endpoint; nothing more is sent to it.")
    @DeleteMapping("/{endpointId}")
    ResponseEntity<Void> remove(@PathVariable @Size(max = 64) String endpointId,
                                @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        commands.sendAndWait(new RemoveWebhookEndpoint(WebhookEndpoints.idOf(caller.userId()), caller.userId(),
                endpointId));
        return ResponseEntity.noContent().build();
    }

    /** A new secret, shown once; the previous one keeps signing alongside it for {@code secret-overlap}. */
    @Operation(summary = "Rotate the signing secret",
            description = "Answers the endpoint with a new secret, shown this once; for 24 hours messages are "
                    + "signed with both.")
    @PostMapping("/{endpointId}/rotate-secret")
    EndpointResponse rotate(@PathVariable @Size(max = 64) String endpointId,
                            @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        String secret = WebhookSignatures.newSecret();
        commands.sendAndWait(new RotateWebhookSecret(WebhookEndpoints.idOf(caller.userId()), caller.userId(),
                endpointId, secrets.seal(caller.userId(), secret), properties.secretOverlap()));
        return EndpointResponse.of(require(caller, endpointId), secret);
    }

    /** Sends {@code webhook.test} whatever the endpoint's filter; the message is in the delivery log. */
    @Operation(summary = "Send a test message",
            description = "Sends a `webhook.test` message to the endpoint, whatever its filter, and answers its"
                    + " `message_id`.")
    @PostMapping("/{endpointId}/test")
    ResponseEntity<MessageAccepted> test(@PathVariable @Size(max = 64) String endpointId,
                                         @AuthenticationPrincipal AuthenticatedUser caller) {
        WebhookEndpointView endpoint = require(caller, endpointId);
        Instant now = clock.instant();
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        outbox.enqueue(messageId, endpoint.id(), caller.userId(), WebhookEventType.WEBHOOK_TEST.wireName(),
                payloads.test(endpoint.id(), now), now);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MessageAccepted(messageId));
    }

    @Operation(summary = "List deliveries",
            description = "The endpoint's messages, newest first, with their state and every attempt (status, "
                    + "latency, error, the first KiB of the answer when the endpoint's address is public).")
    @GetMapping("/{endpointId}/deliveries")
    DeliveryPage deliveries(@PathVariable @Size(max = 64) String endpointId,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                            @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        List<WebhookOutbox.Message> messages = outbox.messages(endpointId, page * size, size);
        Map<String, List<AttemptView>> attempts = outbox.attempts(messages.stream().map(WebhookOutbox.Message::id)
                                                                          .toList()).stream()
                .collect(Collectors.groupingBy(WebhookOutbox.Attempt::messageId, Collectors.mapping(
                        a -> new AttemptView(a.attempt(), a.attemptedAt(), a.statusCode(), a.latencyMs(), a.error(),
                                a.responseBody()), Collectors.toList())));
        return new DeliveryPage(messages.stream().map(message -> new DeliveryView(message.id(),
                message.eventType(), message.createdAt(), message.state(),
                WebhookOutbox.PENDING.equals(message.state()) ? message.nextAttemptAt() : null,
                attempts.getOrDefault(message.id(), List.of()))).toList(), page, size,
                outbox.countMessages(endpointId));
    }

    /** Sends a message again now, with the same webhook-id, whatever became of it. */
    @Operation(summary = "Retry a delivery",
            description = "Sends a message again now, with the same `webhook-id`.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No such endpoint, or no such message to it.")
    @PostMapping("/{endpointId}/deliveries/{messageId}/retry")
    ResponseEntity<MessageAccepted> retry(@PathVariable @Size(max = 64) String endpointId,
                                          @PathVariable @Size(max = 64) String messageId,
                                          @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        if (!outbox.retry(endpointId, messageId, clock.instant())) {
            throw new ResourceNotFoundException("No such message.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new MessageAccepted(messageId));
    }

    /** Sends again every message since {@code since} that failed or was dropped. */
    @Operation(summary = "Recover failed deliveries",
            description = "Sends again every message to the endpoint since `since` (ISO-8601) that failed or "
                    + "was dropped, and answers how many.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "`since` is missing.")
    @PostMapping("/{endpointId}/recover")
    ResponseEntity<Recovered> recover(@PathVariable @Size(max = 64) String endpointId,
                                      @RequestBody RecoverRequest request,
                                      @AuthenticationPrincipal AuthenticatedUser caller) {
        require(caller, endpointId);
        if (request.since() == null) {
            throw new InvalidWebhookRequestException("since is required: the time from which to send again.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                             .body(new Recovered(outbox.recover(endpointId, request.since(), clock.instant())));
    }

    private WebhookEndpointView require(AuthenticatedUser caller, String endpointId) {
        WebhookEndpointView view = queries.query(new FindWebhookEndpoint(caller.userId(), endpointId),
                WebhookEndpointView.class).join();
        if (view == null) {
            throw new ResourceNotFoundException("No such webhook endpoint.");
        }
        return view;
    }
}
