package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.problem.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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

    /** One replay as asked for: by which node, when, and how it ended. */
    record ReplayRequest(String processor, long generation, State state, String node, Instant requestedAt) {

        /** Still to be waited for: asked for, not finished, and not left behind by a node that died. */
        boolean open(Instant now, Duration expiry) {
            return state == State.REQUESTED && requestedAt.plus(expiry).isAfter(now);
        }
    }

    private final JdbcTemplate jdbc;

    ReplayRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens a replay of {@code processor} for {@code node}; refused (409) while another replay of it is open.
     *
     * @return the new request's generation, for {@link #finish}
     */
    long open(String processor, String node, String operator, Instant now, Duration expiry) {
        List<ReplayRequest> current = jdbc.query("SELECT processor_name, generation, state, node, requested_at "
                + "FROM processor_replay WHERE processor_name = ?", ReplayRequests::request, processor);
        if (current.isEmpty()) {
            try {
                jdbc.update("INSERT INTO processor_replay (processor_name, generation, state, node, requested_by, "
                        + "requested_at) VALUES (?, 1, ?, ?, ?, ?)", processor, State.REQUESTED.name(), node,
                        operator, Timestamp.from(now));
                return 1;
            } catch (DuplicateKeyException raced) {
                throw alreadyOpen(processor);
            }
        }
        ReplayRequest last = current.getFirst();
        if (last.open(now, expiry)) {
            throw alreadyOpen(processor);
        }
        // the generation read is the one replaced: of two nodes asking at once, one updates nothing
        int updated = jdbc.update("UPDATE processor_replay SET generation = ?, state = ?, node = ?, requested_by = ?, "
                + "requested_at = ?, finished_at = NULL WHERE processor_name = ? AND generation = ?",
                last.generation() + 1, State.REQUESTED.name(), node, operator, Timestamp.from(now), processor,
                last.generation());
        if (updated == 0) {
            throw alreadyOpen(processor);
        }
        return last.generation() + 1;
    }

    void finish(String processor, long generation, State state, Instant now) {
        jdbc.update("UPDATE processor_replay SET state = ?, finished_at = ? WHERE processor_name = ? "
                + "AND generation = ?", state.name(), Timestamp.from(now), processor, generation);
    }

    List<ReplayRequest> all() {
        return jdbc.query("SELECT processor_name, generation, state, node, requested_at FROM processor_replay",
                ReplayRequests::request);
    }

    private static ReplayRequest request(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new ReplayRequest(row.getString(1), row.getLong(2), State.valueOf(row.getString(3)), row.getString(4),
                row.getTimestamp(5).toInstant());
    }

    private static ConflictException alreadyOpen(String processor) {
        return new ConflictException("A replay of " + processor + " is already under way; follow it on "
                + "GET /api/v1/audit/processors.");
    }
}
