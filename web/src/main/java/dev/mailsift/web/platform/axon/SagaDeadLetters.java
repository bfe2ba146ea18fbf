package dev.mailsift.web.platform.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events a saga gave up on ({@code saga_dead_letter}). Axon's sequenced dead-letter queue does not support
 * sagas, so the pipeline saga's letters are kept here, written in the transaction that moves the saga processor
 * past the event.
 */
@Component
public class SagaDeadLetters {

    private static final int MAX_MESSAGE = 2000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SagaDeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One letter as an operator reads it. */
    public record Letter(String id, String processingGroup, String eventId, String eventType, String jobId,
                         int attempts, String causeType, String causeMessage, Instant deadLetteredAt) {
    }

    /** @return the letter's id */
    String record(String processingGroup, String eventId, String eventType, String jobId, int attempts,
                  Throwable cause) {
        String id = UUID.randomUUID().toString();
        String message = cause.getMessage() == null ? null
                : cause.getMessage().substring(0, Math.min(MAX_MESSAGE, cause.getMessage().length()));
        jdbc.update("""
                INSERT INTO saga_dead_letter (id, processing_group, event_id, event_type, job_id, attempts, cause_type,
                                              cause_message, dead_lettered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, processingGroup, eventId, eventType, jobId, attempts, cause.getClass().getName(), message,
                Timestamp.from(clock.instant()));
        return id;
    }

    public List<Letter> list(int limit) {
        return jdbc.query("""
                SELECT id, processing_group, event_id, event_type, job_id, attempts, cause_type, cause_message,
                       dead_lettered_at
                FROM saga_dead_letter ORDER BY dead_lettered_at DESC LIMIT ?""",
                (row, n) -> new Letter(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getInt(6), row.getString(7), row.getString(8),
                        row.getTimestamp(9).toInstant()),
                limit);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM saga_dead_letter", Long.class);
        return count == null ? 0 : count;
    }
}
