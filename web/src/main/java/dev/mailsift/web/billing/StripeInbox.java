package dev.mailsift.web.billing;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's deliveries, each recorded once by its event id before it is acknowledged, and handed to one node at a
 * time: a node claims an event for a lease; a node that dies holding it lets the lease run out and another node
 * handles the event again (the handling is idempotent).
 */
@Component
class StripeInbox {

    /** Where an event stands. */
    enum State { RECEIVED, HANDLED, IGNORED, FAILED }

    record InboxEvent(String eventId, String type, String payload, int attempts) {
    }

    private final JdbcTemplate jdbc;

    StripeInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers false for an event id recorded before: Stripe delivers at least once. */
    boolean record(String eventId, String type, String payload, Instant receivedAt) {
        try {
            jdbc.update("INSERT INTO stripe_event_inbox (event_id, type, payload, received_at, state, next_attempt) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", eventId, type, payload, Timestamp.from(receivedAt),
                    State.RECEIVED.name(), Timestamp.from(receivedAt));
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /** The oldest event due for handling that no live lease holds, now leased to the caller; or none. */
    Optional<InboxEvent> claimNext(Instant now, Duration lease) {
        List<String> due = jdbc.queryForList("SELECT event_id FROM stripe_event_inbox WHERE state = ? "
                        + "AND next_attempt <= ? AND (claimed_until IS NULL OR claimed_until < ?) "
                        + "ORDER BY received_at LIMIT 5", String.class, State.RECEIVED.name(), Timestamp.from(now),
                Timestamp.from(now));
        for (String eventId : due) {
            int claimed = jdbc.update("UPDATE stripe_event_inbox SET claimed_until = ?, attempts = attempts + 1 "
                            + "WHERE event_id = ? AND state = ? AND (claimed_until IS NULL OR claimed_until < ?)",
                    Timestamp.from(now.plus(lease)), eventId, State.RECEIVED.name(), Timestamp.from(now));
            if (claimed == 1) {
                return Optional.of(jdbc.queryForObject("SELECT event_id, type, payload, attempts "
                                + "FROM stripe_event_inbox WHERE event_id = ?",
                        (rs, n) -> new InboxEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                        eventId));
            }
        }
        return Optional.empty();
    }

    void finish(String eventId, State state, String outcome) {
        jdbc.update("UPDATE stripe_event_inbox SET state = ?, outcome = ?, claimed_until = NULL WHERE event_id = ?",
                state.name(), truncate(outcome), eventId);
    }

    void retryAt(String eventId, Instant nextAttempt, String outcome) {
        jdbc.update("UPDATE stripe_event_inbox SET next_attempt = ?, outcome = ?, claimed_until = NULL "
                + "WHERE event_id = ?", Timestamp.from(nextAttempt), truncate(outcome), eventId);
    }

    private static String truncate(String outcome) {
        return outcome == null || outcome.length() <= 1000 ? outcome : outcome.substring(0, 1000);
    }
}
