package dev.mailsift.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the event store says happened, read with plain JDBC: the audit trail the failure tests hold the pipeline
 * to (each row verdicted once, each reservation settled once, a balance never below zero).
 */
public final class EventLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;

    public EventLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A ledger on a database no application context may be running against right now. */
    public static EventLedger at(String url) {
        return new EventLedger(new DriverManagerDataSource(url, RealServices.user(), ""));
    }

    /** Payloads of {@code type} (simple name) in {@code aggregate}'s stream, in order. */
    public List<JsonNode> events(String aggregate, String type) {
        return jdbc.query("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ? "
                        + "ORDER BY sequencenumber", (rs, n) -> read(rs.getBytes(1)), aggregate, "%." + type);
    }

    /** How many {@code type} events the job's chunks carry, by chunk aggregate. */
    public long chunkEvents(String jobId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier LIKE ? "
                + "AND payloadtype LIKE ?", Long.class, jobId + "/%", "%." + type);
    }

    /** The job's {@code RowValidated} events: row index (in the check list) to how many times it was verdicted. */
    public Map<Long, Integer> verdictsPerRow(String jobId) {
        Map<Long, Integer> perRow = new TreeMap<>();
        jdbc.query("SELECT payload FROM domainevententry WHERE aggregateidentifier LIKE ? AND payloadtype LIKE ?",
                rs -> {
                    perRow.merge(read(rs.getBytes(1)).get("verdict").get("index").asLong(), 1, Integer::sum);
                }, jobId + "/%", "%.RowValidated");
        return perRow;
    }

    /** Every one of the job's {@code rows} checked addresses carries exactly one verdict, in exactly one chunk. */
    public void assertEveryRowVerdictedOnce(String jobId, long rows, int chunks) {
        Map<Long, Integer> perRow = verdictsPerRow(jobId);
        assertThat(perRow.keySet()).as("rows verdicted").containsExactlyElementsOf(
                LongStream.range(0, rows).boxed().toList());
        assertThat(perRow.values()).as("verdicts per row").allMatch(n -> n == 1);
        assertThat(chunkEvents(jobId, "ChunkValidated")).as("ChunkValidated events").isEqualTo(chunks);
    }

    /**
     * The reservation's settlement: how much was captured and released, each at most once, and together exactly
     * what was reserved.
     */
    public Settlement settlement(String userId, String reservationId) {
        List<JsonNode> reserved = forReservation(userId, "CreditsReserved", reservationId);
        List<JsonNode> captured = forReservation(userId, "CreditsCaptured", reservationId);
        List<JsonNode> released = forReservation(userId, "CreditsReleased", reservationId);
        List<JsonNode> expired = forReservation(userId, "CreditReservationExpired", reservationId);
        assertThat(reserved).as("reservations of " + reservationId).hasSizeLessThanOrEqualTo(1);
        assertThat(captured).as("captures of " + reservationId).hasSizeLessThanOrEqualTo(1);
        assertThat(released).as("releases of " + reservationId).hasSizeLessThanOrEqualTo(1);
        assertThat(expired).as("expiries of " + reservationId).hasSizeLessThanOrEqualTo(1);
        if (!expired.isEmpty()) {
            assertThat(captured.size() + released.size()).as("settlements of expired " + reservationId).isZero();
        }
        long amount = reserved.isEmpty() ? 0 : reserved.get(0).get("amount").asLong();
        long capture = captured.isEmpty() ? 0 : captured.get(0).get("amount").asLong();
        long release = released.isEmpty() ? 0 : released.get(0).get("amount").asLong();
        long expiry = expired.isEmpty() ? 0 : expired.get(0).get("amount").asLong();
        if (!reserved.isEmpty()) {
            assertThat(capture + release + expiry).as("settled of " + reservationId).isEqualTo(amount);
        }
        return new Settlement(amount, capture, release, expiry);
    }

    /** The ids of every reservation made on the user's balance, in order. */
    public List<String> reservationIds(String userId) {
        return events(userId, "CreditsReserved").stream().map(event -> event.get("reservationId").asText()).toList();
    }

    private List<JsonNode> forReservation(String userId, String type, String reservationId) {
        return events(userId, type).stream()
                                   .filter(event -> reservationId.equals(event.get("reservationId").asText()))
                                   .toList();
    }

    /**
     * Replays the user's credit events: the available balance and the reserved amount never go below zero, every
     * reservation is closed, and what is available is what was granted less what was captured, revoked and lapsed.
     *
     * @return the available balance
     */
    public long assertBalanced(String userId) {
        long granted = 0, captured = 0, revoked = 0, lapsed = 0, available = 0, reserved = 0;
        Map<String, Long> open = new HashMap<>();
        List<Map.Entry<String, JsonNode>> events = jdbc.query("SELECT payloadtype, payload FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype LIKE 'dev.mailsift.api.user.Credit%' "
                        + "ORDER BY sequencenumber",
                (rs, n) -> Map.entry(rs.getString(1), read(rs.getBytes(2))), userId);
        for (var entry : events) {
            JsonNode event = entry.getValue();
            String type = entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1);
            switch (type) {
                case "CreditsGranted" -> {
                    granted += event.get("amount").asLong();
                    available = event.get("availableAfter").asLong();
                }
                case "CreditsReserved" -> {
                    available = event.get("availableAfter").asLong();
                    reserved = event.get("reservedAfter").asLong();
                    open.merge(event.get("reservationId").asText(), event.get("amount").asLong(), Long::sum);
                }
                case "CreditsCaptured" -> {
                    captured += event.get("amount").asLong();
                    reserved = event.get("reservedAfter").asLong();
                    open.merge(event.get("reservationId").asText(), -event.get("amount").asLong(), Long::sum);
                }
                case "CreditsReleased", "CreditReservationExpired" -> {
                    available = event.get("availableAfter").asLong();
                    reserved = event.get("reservedAfter").asLong();
                    open.merge(event.get("reservationId").asText(), -event.get("amount").asLong(), Long::sum);
                }
                case "CreditsRevoked" -> {
                    assertThat(event.get("amount").asLong()).as("taken back").isNotNegative();
                    assertThat(event.get("writtenOff").asLong()).as("written off").isNotNegative();
                    revoked += event.get("amount").asLong();
                    assertThat(event.get("availableAfter").asLong()).as("available after a revocation")
                                                                    .isEqualTo(available - event.get("amount").asLong());
                    available = event.get("availableAfter").asLong();
                }
                case "CreditsExpired" -> {
                    lapsed += event.get("amount").asLong();
                    assertThat(event.get("availableAfter").asLong()).as("available after a lapse")
                                                                    .isEqualTo(available - event.get("amount").asLong());
                    available = event.get("availableAfter").asLong();
                }
                default -> {
                    // CreditReservationRejected: no balance change
                }
            }
            assertThat(available).as("available after " + type).isNotNegative();
            assertThat(reserved).as("reserved after " + type).isNotNegative();
        }
        assertThat(open.values()).as("open reservations").allMatch(amount -> amount == 0);
        assertThat(reserved).as("reserved at the end").isZero();
        assertThat(available).as("available = granted - captured - revoked - lapsed")
                             .isEqualTo(granted - captured - revoked - lapsed);
        assertThat(available + reserved + captured + revoked + lapsed)
                .as("available + reserved + captured + revoked + lapsed = granted").isEqualTo(granted);
        return available;
    }

    /**
     * Waits until every segment of {@code processor} has handled the job's last event so far (its token is past it,
     * with no gap there): what the processor's read model shows then is final for those events.
     */
    public void awaitProcessed(String processor, String jobId) {
        long last = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry WHERE aggregateidentifier = ? "
                + "OR aggregateidentifier LIKE ?", Long.class, jobId, jobId + "/%");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            List<JsonNode> tokens = jdbc.query("SELECT token FROM tokenentry WHERE processorname = ?",
                    (rs, n) -> rs.getBytes(1) == null ? null : read(rs.getBytes(1)), processor);
            return !tokens.isEmpty() && tokens.stream().allMatch(token -> token != null
                    && token.path("index").asLong(-1) >= last
                    && java.util.stream.StreamSupport.stream(token.path("gaps").spliterator(), false)
                                                     .noneMatch(gap -> gap.asLong() == last));
        });
    }

    /** A reservation's amount and how it ended: captured and released by a settlement, or expired. */
    public record Settlement(long reserved, long captured, long released, long expired) {

        public Settlement(long reserved, long captured, long released) {
            this(reserved, captured, released, 0);
        }
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
