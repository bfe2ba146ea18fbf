package dev.mailsift.web.platform.idempotency;

import dev.mailsift.web.platform.security.SecretBox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code idempotent_request} table: a key claimed by the request that first sent it, then the answer it got. The
 * claim is a primary-key insert, so two nodes that receive the same key at once cannot both run the request. The
 * answer's body is sealed for its owner with the service secret.
 */
@Component
class IdempotentRequests {

    /** How long an answer is replayed; after that the key is free again. */
    static final Duration RETENTION = Duration.ofHours(24);
    /** A claim older than this whose request never completed (its node stopped) is taken over. */
    static final Duration ABANDONED = Duration.ofMinutes(5);

    /** What the key is already bound to: a request still running, or the answer of a completed one. */
    sealed interface Earlier permits Running, Answered {
        String fingerprint();
    }

    record Running(String fingerprint) implements Earlier {
    }

    record Answered(String fingerprint, int status, String contentType, String location, String body)
            implements Earlier {
    }

    private final JdbcTemplate jdbc;
    private final SecretBox box;
    private final Clock clock;

    IdempotentRequests(JdbcTemplate jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /** Null when the caller now holds the key; else what the key is bound to. */
    Earlier claim(String userId, String key, String fingerprint) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND created_at < ?", userId,
                Timestamp.from(now.minus(RETENTION)));
        jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND completed_at IS NULL "
                + "AND created_at < ?", userId, key, Timestamp.from(now.minus(ABANDONED)));
        try {
            jdbc.update("INSERT INTO idempotent_request (user_id, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)",
                    userId, key, fingerprint, Timestamp.from(now));
            return null;
        } catch (DuplicateKeyException taken) {
            List<Earlier> earlier = jdbc.query("SELECT fingerprint, completed_at, status, content_type, location, body "
                    + "FROM idempotent_request WHERE user_id = ? AND idem_key = ?", (row, n) ->
                    row.getTimestamp("completed_at") == null ? new Running(row.getString("fingerprint"))
                            : new Answered(row.getString("fingerprint"), row.getInt("status"),
                            row.getString("content_type"), row.getString("location"),
                            box.open(userId, row.getString("body"))), userId, key);
            // released between the insert and the read: the next retry claims it
            return earlier.isEmpty() ? new Running(fingerprint) : earlier.getFirst();
        }
    }

    void complete(String userId, String key, int status, String contentType, String location, String body) {
        jdbc.update("UPDATE idempotent_request SET completed_at = ?, status = ?, content_type = ?, location = ?, "
                        + "body = ? WHERE user_id = ? AND idem_key = ?", Timestamp.from(clock.instant()), status,
                contentType, location, box.seal(userId, body), userId, key);
    }

    /** The request failed: nothing is kept, and the key may be sent again, with this request or another. */
    void release(String userId, String key) {
        jdbc.update("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND completed_at IS NULL",
                userId, key);
    }
}
