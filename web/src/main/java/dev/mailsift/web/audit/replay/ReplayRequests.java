package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.problem.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The open replays of streaming read models, kept in the database so that every node sees them
 * ({@code processor_replay}): one row per processor, its {@code generation} counting the replays asked for.
 */
@Component
class ReplayRequests {

    enum State { REQUESTED, DONE, ABANDONED }

    /**
     * One replay as asked for: by which node, when, and how it ended; {@code readAt} is the database's time when it
     * was read, so that every node judges its age by the same clock.
     */
    record ReplayRequest(String processor, long generation, State state, String node, Instant requestedAt,
                         Instant readAt) {

        /** Still to be waited for: asked for, not finished, and not left behind by a node that died. */
        boolean open(Duration expiry) {
            return state == State.REQUESTED && requestedAt.plus(expiry).isAfter(readAt);
        }
    }

    private static final String COLUMNS = "processor_name, generation, state, node, requested_at, CURRENT_TIMESTAMP";

    private final JdbcTemplate jdbc;

    ReplayRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens a replay of {@code processor} for {@code node}; refused (409) while another replay of it is open.
     *
     * @return the new request's generation, for {@link #finish}
     */
    long open(String processor, String node, String operator, Duration expiry) {
        List<ReplayRequest> current = jdbc.query("SELECT " + COLUMNS + " FROM processor_replay "
                + "WHERE processor_name = ?", ReplayRequests::request, processor);
        if (current.isEmpty()) {
            try {
                jdbc.update("INSERT INTO processor_replay (processor_name, generation, state, node, requested_by, "
                        + "requested_at) VALUES (?, 1, ?, ?, ?, CURRENT_TIMESTAMP)", processor,
                        State.REQUESTED.name(), node, operator);
                return 1;
            } catch (DuplicateKeyException raced) {
                throw alreadyOpen(processor);
            }
        }
        ReplayRequest last = current.getFirst();
        if (last.open(expiry)) {
            throw alreadyOpen(processor);
        }
        // the generation read is the one replaced: of two nodes asking at once, one updates nothing
        int updated = jdbc.update("UPDATE processor_replay SET generation = ?, state = ?, node = ?, requested_by = ?, "
                + "requested_at = CURRENT_TIMESTAMP, finished_at = NULL WHERE processor_name = ? AND generation = ?",
                last.generation() + 1, State.REQUESTED.name(), node, operator, processor, last.generation());
        if (updated == 0) {
            throw alreadyOpen(processor);
        }
        return last.generation() + 1;
    }

    void finish(String processor, long generation, State state) {
        jdbc.update("UPDATE processor_replay SET state = ?, finished_at = CURRENT_TIMESTAMP WHERE processor_name = ? "
                + "AND generation = ?", state.name(), processor, generation);
    }

    List<ReplayRequest> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM processor_replay", ReplayRequests::request);
    }

    private static ReplayRequest request(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new ReplayRequest(row.getString(1), row.getLong(2), State.valueOf(row.getString(3)), row.getString(4),
                row.getTimestamp(5).toInstant(), row.getTimestamp(6).toInstant());
    }

    private static ConflictException alreadyOpen(String processor) {
        return new ConflictException("A replay of " + processor + " is already under way; follow it on "
                + "GET /api/v1/audit/processors.");
    }
}
