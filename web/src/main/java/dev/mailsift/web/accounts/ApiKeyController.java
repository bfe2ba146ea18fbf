package dev.mailsift.web.accounts;

import dev.mailsift.api.user.ApiKeyView;
import dev.mailsift.api.user.FindApiKeys;
import dev.mailsift.api.user.IssueApiKey;
import dev.mailsift.api.user.RevokeApiKey;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.security.ApiKeySecrets;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's API keys. The secret is made here, shown once in the answer to {@code POST}, and only its SHA-256
 * is kept. Another user's key id is as unknown as a made-up one: 404.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    ApiKeyController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Operation(summary = "Issue an API key",
            description = "Issues an API key with a label (1 to 100 characters) and an optional expiry in the "
                    + "future. The key (`ms_live_…`) is in this answer only: it is stored as a hash. "
                    + "Everything the key does is recorded with `actor = api_key:<id>`.")
    @Idempotent
    @PostMapping
    ResponseEntity<IssuedKey> issue(@Valid @RequestBody IssueRequest request,
                                    @RequestHeader(name = Idempotent.HEADER, required = false)
                                    @Size(max = Idempotent.MAX_KEY_LENGTH) String idempotencyKey,
                                    @AuthenticationPrincipal AuthenticatedUser caller) {
        String keyId = UUID.randomUUID().toString();
        String secret = ApiKeySecrets.newSecret();
        String prefix = ApiKeySecrets.displayPrefix(secret);
        commands.sendAndWait(new IssueApiKey(caller.userId(), keyId, request.label(), prefix,
                ApiKeySecrets.hash(secret), request.expiresAt()));
        return ResponseEntity.status(HttpStatus.CREATED)
                             .location(URI.create("/api/v1/api-keys/" + keyId))
                             .body(new IssuedKey(keyId, secret, request.label().strip(), prefix, request.expiresAt()));
    }

    @Operation(summary = "List the API keys",
            description = "The caller's API keys, without their secrets: label, prefix, when created, when last"
                    + " used, when they expire or were revoked.")
    @GetMapping
    KeyList list(@AuthenticationPrincipal AuthenticatedUser caller) {
        List<ApiKeyView> keys = queries.query(new FindApiKeys(caller.userId()),
                ResponseTypes.multipleInstancesOf(ApiKeyView.class)).join();
        return new KeyList(keys);
    }

    @Operation(summary = "Revoke an API key",
            description = "Revokes a key at once; answers `204` also when it was revoked already. Another "
                    + "account's key answers `404`.")
    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String keyId, @AuthenticationPrincipal AuthenticatedUser caller) {
        commands.sendAndWait(new RevokeApiKey(caller.userId(), keyId));
        return ResponseEntity.noContent().build();
    }

    record IssueRequest(@NotBlank @Size(max = 100) String label,
                        @Schema(description = "When the key stops working, in the future; absent: never.")
                        Instant expiresAt) {
    }

    /** The only answer that ever contains the secret. */
    record IssuedKey(String id, String key, String label, String prefix, Instant expiresAt) {
    }

    record KeyList(List<ApiKeyView> apiKeys) {
    }
}
