package dev.mailsift.query.accounts.apikeys;

import dev.mailsift.query.accounts.access.UserStatusProjection;
import dev.mailsift.api.user.ApiKeyCredentials;
import dev.mailsift.api.user.ApiKeyIssued;
import dev.mailsift.api.user.ApiKeyRevoked;
import dev.mailsift.api.user.ApiKeyView;
import dev.mailsift.api.user.FindApiKeyBySecretHash;
import dev.mailsift.api.user.FindApiKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API key lookup in {@code api_key}. Runs in the subscribing {@code access} processor (inside the appending
 * transaction): a new key works at once and a revoked key stops at once.
 */
@Component
@ProcessingGroup(UserStatusProjection.PROCESSING_GROUP)
public class ApiKeyProjection {

    /** A key's last-used time is written at most this often. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final ApiKeyUseRepository uses;

    ApiKeyProjection(ApiKeyRepository keys, ApiKeyUseRepository uses) {
        this.keys = keys;
        this.uses = uses;
    }

    @EventHandler
    void on(ApiKeyIssued event) {
        if (!keys.existsById(event.keyId())) {
            keys.save(new ApiKeyEntity(event.keyId(), event.userId(), event.label(), event.prefix(),
                    event.secretHash(), event.issuedAt(), event.expiresAt()));
        }
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        keys.findById(event.keyId()).ifPresent(key -> key.revoked(event.revokedAt()));
    }

    /** Empties the read model before it is rebuilt from the events; when keys were last used is kept apart. */
    @ResetHandler
    void reset() {
        keys.deleteAllInBatch();
    }

    @QueryHandler
    ApiKeyCredentials handle(FindApiKeyBySecretHash query) {
        return query.secretHash() == null ? null
                : keys.findBySecretHash(query.secretHash()).map(ApiKeyEntity::toCredentials).orElse(null);
    }

    @QueryHandler
    List<ApiKeyView> handle(FindApiKeys query) {
        List<ApiKeyEntity> owned = keys.findByUserIdOrderByCreatedAtDescIdAsc(query.userId());
        Map<String, Instant> lastUsed = uses.findAllById(owned.stream().map(ApiKeyEntity::id).toList()).stream()
                .collect(Collectors.toMap(ApiKeyUseEntity::keyId, ApiKeyUseEntity::lastUsedAt));
        return owned.stream().map(key -> key.toView(lastUsed.get(key.id()))).toList();
    }

    /**
     * Notes that a key authenticated a request. Operational telemetry, not a domain fact: it is not an event (a
     * busy key would flood its owner's stream) and it is throttled to one write per key and minute.
     */
    public void recordUse(String keyId, Instant at) {
        if (uses.touch(keyId, at, at.minus(LAST_USED_RESOLUTION)) == 0 && !uses.existsById(keyId)) {
            try {
                uses.saveAndFlush(new ApiKeyUseEntity(keyId, at));
            } catch (DataIntegrityViolationException firstUseRecordedByAnotherRequest) {
                // the other request's time stands: both are within the same minute
            }
        }
    }
}
