package dev.mailsift.web.webhooks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhook_message} outbox and its {@code webhook_attempt} log. Plain SQL that PostgreSQL and H2 run
 * alike; a message is sent only by the node whose {@code UPDATE} claimed it (one row changed), so two nodes never
 * send the same attempt.
 */
@Component
class WebhookOutbox {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String DROPPED = "dropped";

    private final JdbcTemplate jdbc;

    WebhookOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Message(String id, String endpointId, String userId, String eventType, String payload, Instant createdAt,
                   String state, int attempts, Instant nextAttemptAt) {
    }

    record Attempt(String messageId, int attempt, Instant attemptedAt, Integer statusCode, long latencyMs,
                   String error, String responseBody) {
    }

    /** Adds a message unless one with this id is there already (an event handled again). */
    void enqueue(String id, String endpointId, String userId, String eventType, String payload, Instant now) {
        jdbc.update("INSERT INTO webhook_message (id, endpoint_id, user_id, event_type, payload, created_at, state, "
                        + "attempts, next_attempt_at) SELECT ?, ?, ?, ?, ?, ?, ?, 0, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM webhook_message WHERE id = ?)",
                id, endpointId, userId, eventType, payload, ts(now), PENDING, ts(now), id);
    }

    /** Messages due now and not held by a live lease, the longest-waiting first. */
    List<Message> due(Instant now, int limit) {
        return jdbc.query("SELECT * FROM webhook_message WHERE state = ? AND next_attempt_at <= ? "
                        + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?",
                (rs, row) -> message(rs), PENDING, ts(now), ts(now), limit);
    }

    /** Takes a message for {@code node} until {@code leaseUntil}; false when another node was first. */
    boolean claim(String id, String node, Instant now, Instant leaseUntil) {
        return jdbc.update("UPDATE webhook_message SET claimed_by = ?, lease_until = ? WHERE id = ? AND state = ? "
                + "AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)",
                node, ts(leaseUntil), id, PENDING, ts(now), ts(now)) == 1;
    }

    /**
     * Records an attempt and the message's next state, and lets go of the claim. {@code attempt.attempt()} is the
     * place in the retry schedule, which a retry or a recovery starts again; the log numbers a message's attempts
     * on from its last one, so a message sent again keeps its earlier attempts (and their key stays unique).
     */
    void recordAttempt(Message message, Attempt attempt, String state, Instant nextAttemptAt) {
        jdbc.update("INSERT INTO webhook_attempt (message_id, endpoint_id, attempt, attempted_at, status_code, "
                        + "latency_ms, error, response_body) SELECT ?, ?, COALESCE(MAX(attempt), 0) + 1, ?, ?, ?, ?, ? "
                        + "FROM webhook_attempt WHERE message_id = ?",
                message.id(), message.endpointId(), ts(attempt.attemptedAt()),
                attempt.statusCode(), attempt.latencyMs(), truncate(attempt.error(), 500),
                truncate(attempt.responseBody(), 2000), message.id());
        jdbc.update("UPDATE webhook_message SET attempts = ?, state = ?, next_attempt_at = ?, claimed_by = NULL, "
                + "lease_until = NULL WHERE id = ?", attempt.attempt(), state, ts(nextAttemptAt), message.id());
    }

    /**
     * Deletes up to {@code limit} messages settled (delivered, failed, dropped) and made before {@code cutoff}, with
     * their attempts; returns how many. Pending messages stay, however old.
     */
    int prune(Instant cutoff, int limit) {
        List<String> ids = jdbc.queryForList("SELECT id FROM webhook_message WHERE state <> ? AND created_at < ? "
                + "ORDER BY created_at LIMIT ?", String.class, PENDING, ts(cutoff), limit);
        if (ids.isEmpty()) {
            return 0;
        }
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.update("DELETE FROM webhook_attempt WHERE message_id IN (" + placeholders + ")", ids.toArray());
        return jdbc.update("DELETE FROM webhook_message WHERE id IN (" + placeholders + ")", ids.toArray());
    }

    long pendingCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM webhook_message WHERE state = ?", Long.class, PENDING);
    }

    /** Gives up a message without an attempt (its endpoint is gone or disabled). */
    void drop(String id) {
        jdbc.update("UPDATE webhook_message SET state = ?, claimed_by = NULL, lease_until = NULL WHERE id = ?",
                DROPPED, id);
    }

    /** Sends a message again from its first attempt's schedule; false when there is no such message. */
    boolean retry(String endpointId, String messageId, Instant now) {
        return jdbc.update("UPDATE webhook_message SET state = ?, next_attempt_at = ?, attempts = 0 "
                + "WHERE id = ? AND endpoint_id = ? AND state <> ?", PENDING, ts(now), messageId, endpointId,
                PENDING) == 1 || find(endpointId, messageId).isPresent();
    }

    /** Every message of an endpoint made at or after {@code since} that did not arrive is sent again. */
    int recover(String endpointId, Instant since, Instant now) {
        return jdbc.update("UPDATE webhook_message SET state = ?, next_attempt_at = ?, attempts = 0 "
                + "WHERE endpoint_id = ? AND created_at >= ? AND state IN (?, ?)", PENDING, ts(now), endpointId,
                ts(since), FAILED, DROPPED);
    }

    Optional<Message> find(String endpointId, String messageId) {
        return jdbc.query("SELECT * FROM webhook_message WHERE id = ? AND endpoint_id = ?", (rs, row) -> message(rs),
                messageId, endpointId).stream().findFirst();
    }

    /** An endpoint's messages, newest first. */
    List<Message> messages(String endpointId, int offset, int limit) {
        return jdbc.query("SELECT * FROM webhook_message WHERE endpoint_id = ? ORDER BY created_at DESC, id "
                + "LIMIT ? OFFSET ?", (rs, row) -> message(rs), endpointId, limit, offset);
    }

    long countMessages(String endpointId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_message WHERE endpoint_id = ?", Long.class,
                endpointId);
        return count == null ? 0 : count;
    }

    List<Attempt> attempts(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", messageIds.stream().map(id -> "?").toList());
        return jdbc.query("SELECT * FROM webhook_attempt WHERE message_id IN (" + marks + ") "
                + "ORDER BY message_id, attempt", (rs, row) -> new Attempt(rs.getString("message_id"),
                rs.getInt("attempt"), rs.getTimestamp("attempted_at").toInstant(),
                (Integer) rs.getObject("status_code"), rs.getLong("latency_ms"), rs.getString("error"),
                rs.getString("response_body")), messageIds.toArray());
    }

    /**
     * When the endpoint's current run of failures began: the first failed attempt after its last success, or
     * empty when its last attempt succeeded or it has none.
     */
    Optional<Instant> failingSince(String endpointId) {
        Timestamp lastSuccess = jdbc.queryForObject("SELECT MAX(attempted_at) FROM webhook_attempt "
                + "WHERE endpoint_id = ? AND status_code BETWEEN 200 AND 299", Timestamp.class, endpointId);
        Timestamp firstFailure = jdbc.queryForObject("SELECT MIN(attempted_at) FROM webhook_attempt "
                        + "WHERE endpoint_id = ? AND attempted_at > ?", Timestamp.class, endpointId,
                lastSuccess == null ? ts(Instant.EPOCH) : lastSuccess);
        return Optional.ofNullable(firstFailure).map(Timestamp::toInstant);
    }

    private static Message message(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Message(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("user_id"),
                rs.getString("event_type"), rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("state"), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
