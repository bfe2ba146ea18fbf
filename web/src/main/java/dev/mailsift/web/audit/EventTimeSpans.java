package dev.mailsift.web.audit;

import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Turns a time range into the positions a read of the history must look at, from the time each sealed batch spans
 * ({@code audit_time_span}, written by the audit sealer): the event store has no index on time, and a scan from the
 * first position to find the last hour would read the whole store. Timestamps are not in position order (an event's
 * time is taken when it is made, its position when its transaction commits), so a batch is skipped only when its
 * earliest and latest times both fall outside the range. Events past the sealed head are always looked at.
 */
@Component
class EventTimeSpans {

    /**
     * The positions worth reading: after {@code after}, and, when {@code through} is set, at most {@code through} or
     * past {@code sealedHead} (not sealed yet, so without a known time).
     */
    record Positions(long after, Long through, long sealedHead) {

        static final Positions ALL = new Positions(0, null, 0);
    }

    private final JdbcTemplate jdbc;

    EventTimeSpans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** For events at or after {@code from} (when set) and before {@code to} (when set). */
    Positions positions(Instant from, Instant to) {
        if (from == null && to == null) {
            return Positions.ALL;
        }
        long sealedHead = jdbc.queryForObject("SELECT position FROM audit_chain_head WHERE id = 1", Long.class);
        long after = 0;
        if (from != null) {
            // every batch before the first one reaching from is wholly earlier
            Long first = jdbc.queryForObject("SELECT MIN(first_position) FROM audit_time_span WHERE latest >= ?",
                    Long.class, DateTimeUtils.formatInstant(from));
            after = first == null ? sealedHead : first - 1;
        }
        Long through = null;
        if (to != null) {
            // every batch after the last one starting before to is wholly later
            Long last = jdbc.queryForObject("SELECT MAX(last_position) FROM audit_time_span WHERE earliest < ?",
                    Long.class, DateTimeUtils.formatInstant(to));
            through = last == null ? 0 : last;
        }
        return new Positions(after, through, sealedHead);
    }
}
