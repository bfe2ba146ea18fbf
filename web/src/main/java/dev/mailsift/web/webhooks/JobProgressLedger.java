package dev.mailsift.web.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code webhook_job_progress}: each running job's rows done and verdicts by reason, as the {@code webhooks}
 * processor saw its chunks (in job order: the processor is sequenced per job). Decides when {@code job.progress}
 * is due: at most every {@value #STEP_PERCENT} % or every {@link #STEP_TIME} per job, never at 100 % (the
 * job's end is its own message).
 */
@Component
class JobProgressLedger {

    static final int STEP_PERCENT = 10;
    static final Duration STEP_TIME = Duration.ofSeconds(10);

    private static final TypeReference<TreeMap<String, Long>> REASONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    JobProgressLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Progress(long rowsDone, long rowsTotal, int percent) {
    }

    void accepted(String jobId, long rowsTotal, Instant at) {
        jdbc.update("INSERT INTO webhook_job_progress (job_id, rows_total, rows_done, reasons, last_percent, "
                + "last_sent_at, finished) SELECT ?, ?, 0, '{}', 0, ?, FALSE "
                + "WHERE NOT EXISTS (SELECT 1 FROM webhook_job_progress WHERE job_id = ?)",
                jobId, rowsTotal, Timestamp.from(at), jobId);
    }

    /** Counts a chunk; answers the progress when a {@code job.progress} message is due now. */
    Optional<Progress> chunk(String jobId, int rows, Map<String, Long> reasons, Instant at) {
        List<Row> found = jdbc.query("SELECT * FROM webhook_job_progress WHERE job_id = ? AND finished = FALSE",
                (rs, n) -> new Row(rs.getLong("rows_total"), rs.getLong("rows_done"), rs.getString("reasons"),
                        rs.getInt("last_percent"), rs.getTimestamp("last_sent_at").toInstant()), jobId);
        if (found.isEmpty()) {
            return Optional.empty(); // not accepted here (before this feature), or already over
        }
        Row row = found.getFirst();
        TreeMap<String, Long> merged = read(row.reasons());
        if (reasons != null) {
            reasons.forEach((reason, count) -> merged.merge(reason, count, Long::sum));
        }
        long done = row.rowsDone() + rows;
        int percent = row.rowsTotal() <= 0 ? 100 : (int) Math.min(100, done * 100 / row.rowsTotal());
        boolean due = percent < 100 && (percent >= row.lastPercent() + STEP_PERCENT
                || (percent > row.lastPercent() && !at.isBefore(row.lastSentAt().plus(STEP_TIME))));
        jdbc.update("UPDATE webhook_job_progress SET rows_done = ?, reasons = ?, last_percent = ?, last_sent_at = ? "
                        + "WHERE job_id = ?", done, write(merged), due ? percent : row.lastPercent(),
                Timestamp.from(due ? at : row.lastSentAt()), jobId);
        return due ? Optional.of(new Progress(done, row.rowsTotal(), percent)) : Optional.empty();
    }

    /** Verdicts by reason so far; ends the job's progress messages. */
    Map<String, Long> finish(String jobId) {
        List<String> reasons = jdbc.queryForList("SELECT reasons FROM webhook_job_progress WHERE job_id = ?",
                String.class, jobId);
        jdbc.update("UPDATE webhook_job_progress SET finished = TRUE WHERE job_id = ?", jobId);
        return reasons.isEmpty() ? Map.of() : read(reasons.getFirst());
    }

    private TreeMap<String, Long> read(String text) {
        try {
            return json.readValue(text, REASONS);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable reasons of a job: " + text, e);
        }
    }

    private String write(Map<String, Long> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(long rowsTotal, long rowsDone, String reasons, int lastPercent, Instant lastSentAt) {
    }
}
