package dev.mailsift.web.audit;

import org.axonframework.common.DateTimeUtils;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions a time range keeps, against the events' own times, on the schema the migrations build: event times
 * out of position order (transactions that took long), holes in the positions, batches of any size, events not
 * sealed yet. No event in the range is ever skipped, and ranges far from the end skip most of the store.
 */
class EventTimeSpansTest {

    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");
    private final Random random = new Random(20261201);
    private JdbcTemplate jdbc;
    private EventTimeSpans spans;
    private final List<long[]> events = new ArrayList<>(); // position, epoch millis

    @BeforeEach
    void aSealedStoreWithTimesOutOfOrder() {
        String url = "jdbc:h2:mem:spans-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        spans = new EventTimeSpans(jdbc);
        long position = 0;
        for (int n = 0; n < 3000; n++) {
            position += random.nextInt(10) == 0 ? 2 + random.nextInt(5) : 1; // holes
            // made up to 10 s before their commit (a long transaction), in a store growing by ~1 event per 100 ms
            long millis = START.toEpochMilli() + n * 100L - (random.nextInt(20) == 0 ? random.nextInt(10_000) : 0);
            events.add(new long[]{position, millis});
            jdbc.update("INSERT INTO domainevententry (globalindex, eventidentifier, payloadtype, payload, timestamp, "
                    + "type, aggregateidentifier, sequencenumber) VALUES (?, ?, 'T', ?, ?, 'User', ?, 0)", position,
                    UUID.randomUUID().toString(), new byte[]{'{', '}'}, time(millis), UUID.randomUUID().toString());
        }
        // sealed in batches of 1 to 300 events, as the sealer records them (each span from the position after the
        // last one, holes included), except the last 200 events
        int sealedCount = events.size() - 200;
        long covered = 0;
        for (int first = 0; first < sealedCount; ) {
            int last = Math.min(sealedCount, first + 1 + random.nextInt(300)) - 1;
            List<long[]> batch = events.subList(first, last + 1);
            jdbc.update("INSERT INTO audit_time_span (first_position, last_position, earliest, latest) "
                    + "VALUES (?, ?, ?, ?)", covered + 1, batch.getLast()[0],
                    time(batch.stream().mapToLong(e -> e[1]).min().orElseThrow()),
                    time(batch.stream().mapToLong(e -> e[1]).max().orElseThrow()));
            covered = batch.getLast()[0];
            first = last + 1;
        }
        jdbc.update("UPDATE audit_chain_head SET position = ? WHERE id = 1", events.get(sealedCount - 1)[0]);
    }

    @Test
    void noEventInsideARangeIsEverSkipped() {
        for (int trial = 0; trial < 500; trial++) {
            Instant from = random.nextInt(5) == 0 ? null : START.plusMillis(random.nextInt(320_000) - 10_000);
            Instant to = random.nextInt(5) == 0 ? null
                    : (from == null ? START : from).plusMillis(random.nextInt(60_000));
            EventTimeSpans.Positions kept = spans.positions(from, to);
            for (long[] event : events) {
                Instant time = Instant.ofEpochMilli(event[1]);
                boolean inRange = (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
                if (inRange) {
                    assertThat(keeps(kept, event[0])).as("event %d at %s in [%s, %s) kept", event[0], time, from, to)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void aShortRangeInTheMiddleReadsAFractionOfTheStore() {
        Instant from = START.plus(Duration.ofSeconds(150));
        EventTimeSpans.Positions kept = spans.positions(from, from.plusSeconds(10));
        long read = events.stream().filter(event -> keeps(kept, event[0])).count();
        // the range's 100 events, the batches around it and the 200 events not sealed yet, of 3,000
        assertThat(read).as("positions read for 10 s of 300 s").isLessThan(events.size() / 3);
        assertThat(spans.positions(null, null)).isEqualTo(EventTimeSpans.Positions.ALL);
    }

    private static boolean keeps(EventTimeSpans.Positions kept, long position) {
        return position > kept.after()
                && (kept.through() == null || position <= kept.through() || position > kept.sealedHead());
    }

    private static String time(long millis) {
        return DateTimeUtils.formatInstant(Instant.ofEpochMilli(millis));
    }
}
