package dev.mailsift.web.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dashboard sessions: opaque refresh tokens (256 random bits) kept only as SHA-256 in {@code refresh_token}. Every
 * use rotates the token within its family; presenting a token that was already rotated means it was copied, so
 * the whole family is revoked (docs/decisions/0012).
 */
@Component
public class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PURGE_EVERY = 100;
    private final AtomicLong starts = new AtomicLong();

    private final JdbcTemplate jdbc;
    private final SecurityProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcTemplate jdbc, SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new session (a new family) for {@code userId}; answers the token to set in the cookie. */
    public String start(String userId) {
        if (starts.incrementAndGet() % PURGE_EVERY == 0) {
            // Long-expired rows tell nothing any more; keep the table small.
            jdbc.update("DELETE FROM refresh_token WHERE expires_at < ?",
                    Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
        }
        return insert(UUID.randomUUID().toString(), userId);
    }

    /**
     * Exchanges a token for its successor.
     *
     * @return the user and the new token, or empty when the token is unknown, expired, revoked or reused
     */
    @Transactional
    public Optional<Rotated> rotate(String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return Optional.empty();
        }
        String hash = ApiKeySecrets.hash(token);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT family_id, user_id, expires_at, rotated_at, "
                + "revoked_at FROM refresh_token WHERE token_hash = ?", hash);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        String family = (String) row.get("family_id");
        String userId = (String) row.get("user_id");
        Instant now = clock.instant();
        if (row.get("revoked_at") != null || !instant(row.get("expires_at")).isAfter(now)) {
            return Optional.empty();
        }
        int claimed = jdbc.update("UPDATE refresh_token SET rotated_at = ? WHERE token_hash = ? "
                + "AND rotated_at IS NULL AND revoked_at IS NULL", Timestamp.from(now), hash);
        if (claimed != 1) {
            // Already rotated: someone else holds a copy. End the whole session.
            revokeFamily(family, now);
            log.warn("Reused refresh token for user {}: session family {} revoked", userId, family);
            return Optional.empty();
        }
        return Optional.of(new Rotated(userId, insert(family, userId)));
    }

    /** Logout: ends the session the token belongs to. */
    public void revoke(String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return;
        }
        jdbc.queryForList("SELECT family_id FROM refresh_token WHERE token_hash = ?", String.class,
                ApiKeySecrets.hash(token)).forEach(family -> revokeFamily(family, clock.instant()));
    }

    /** Ends every session of a user (password changed, account suspended). */
    public void revokeAll(String userId) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), userId);
    }

    private void revokeFamily(String family, Instant now) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), family);
    }

    private String insert(String family, String userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.update("INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)", ApiKeySecrets.hash(token), family, userId, Timestamp.from(now),
                Timestamp.from(now.plus(properties.refreshTokenTtl())));
        return token;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Timestamp timestamp -> timestamp.toInstant();
            case java.time.OffsetDateTime offset -> offset.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    /** The user a rotated token belongs to, and its successor. */
    public record Rotated(String userId, String token) {
    }
}
