package dev.mailsift.command.accounts;

import dev.mailsift.api.user.ApiKeyIssued;
import dev.mailsift.api.user.ApiKeyRevoked;
import dev.mailsift.api.user.IssueApiKey;
import dev.mailsift.api.user.RevokeApiKey;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's API keys, as a member of the {@link User} aggregate. Only hashes of the secrets are ever seen here;
 * the lookup by hash lives in the query side's {@code api_key} read model.
 */
public class ApiKeys {

    /** Keys that are neither revoked nor expired; more is almost always a leak waiting to happen. */
    static final int MAX_ACTIVE_KEYS = 25;
    static final int MAX_LABEL_LENGTH = 100;

    private String userId;
    private final Map<String, Key> keys = new HashMap<>();

    ApiKeys() {
    }

    ApiKeys(String userId) {
        this.userId = userId;
    }

    /** Answers the new key's id. */
    @CommandHandler
    public String handle(IssueApiKey command, Clock clock) {
        Instant now = clock.instant();
        requireText(command.keyId(), "keyId");
        requireText(command.secretHash(), "secretHash");
        String label = command.label() == null ? "" : command.label().strip();
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            throw new RejectedCommandException("label must be between 1 and " + MAX_LABEL_LENGTH + " characters");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw new RejectedCommandException("expires_at must be in the future");
        }
        if (keys.containsKey(command.keyId())) {
            throw new RejectedCommandException("keyId is already in use");
        }
        long active = keys.values().stream().filter(key -> key.activeAt(now)).count();
        if (active >= MAX_ACTIVE_KEYS) {
            throw new RejectedCommandException("at most " + MAX_ACTIVE_KEYS + " active API keys; revoke one first");
        }
        apply(new ApiKeyIssued(userId, command.keyId(), label, command.prefix(), command.secretHash(),
                command.expiresAt(), now));
        return command.keyId();
    }

    /** Revoking a revoked key changes nothing; a key this user does not have is unknown. */
    @CommandHandler
    public void handle(RevokeApiKey command, Clock clock) {
        Key key = command.keyId() == null ? null : keys.get(command.keyId());
        if (key == null) {
            throw new UnknownApiKeyException(command.keyId());
        }
        if (!key.revoked()) {
            apply(new ApiKeyRevoked(userId, command.keyId(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        keys.put(event.keyId(), new Key(event.expiresAt(), false));
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        keys.computeIfPresent(event.keyId(), (id, key) -> new Key(key.expiresAt(), true));
    }

    record Key(Instant expiresAt, boolean revoked) {
        boolean activeAt(Instant now) {
            return !revoked && (expiresAt == null || expiresAt.isAfter(now));
        }
    }
}
