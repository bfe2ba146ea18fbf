package dev.mailsift.web.platform.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read after a token with gaps returns exactly what Axon's own statement returns, and on H2 reads a range of the
 * primary key instead of walking all of it (the plan is checked), on the schema the migrations build.
 */
class GapReadTest {

    private static final EventSchema SCHEMA = new EventSchema();
    private final Random random = new Random(51);
    private Connection connection;
    private final TreeSet<Long> stored = new TreeSet<>();

    @BeforeEach
    void aStoreWithHoles() throws SQLException {
        String url = "jdbc:h2:mem:gaps-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(url, "sa", "");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (globalindex, "
                + "eventidentifier, payloadtype, payload, timestamp, type, aggregateidentifier, sequencenumber) "
                + "VALUES (?, ?, 'T', ?, '2026-12-01T00:00:00.000Z', 'User', ?, 0)")) {
            for (long position = 1; position <= 20_000; position++) {
                if (random.nextInt(8) == 0) {
                    continue; // a transaction still open, or rolled back
                }
                stored.add(position);
                insert.setLong(1, position);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, new byte[]{'{', '}'});
                insert.setString(4, UUID.randomUUID().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Test
    void theBoundedReadReturnsWhatAxonsOwnReadReturns() throws SQLException {
        for (int trial = 0; trial < 200; trial++) {
            long index = 500 + random.nextInt(19_000);
            List<Long> gaps = gapsBelow(index, random.nextInt(400));
            int batch = 1 + random.nextInt(1000);
            assertThat(positions(AxonConfig.readEventDataWithGaps(connection, SCHEMA, index, batch, gaps)))
                    .as("token at %d with %d gaps, batch %d", index, gaps.size(), batch)
                    .isEqualTo(positions(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA,
                            index, batch, gaps)));
        }
        assertThat(positions(AxonConfig.readEventDataWithGaps(connection, SCHEMA, 100, 10, List.of())))
                .isEqualTo(new ArrayList<>(stored.subSet(101L, true, 110L, true)));
    }

    @Test
    void onH2TheBoundedReadReadsARangeOfThePrimaryKeyWhereAxonsWalksAllOfIt() throws SQLException {
        List<Long> gaps = gapsBelow(15_000, 300);
        String bounded = plan(AxonConfig.readEventDataWithGaps(connection, SCHEMA, 15_000, 1000, gaps));
        String axons = plan(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, SCHEMA, 15_000, 1000,
                gaps));
        // "/* public.PRIMARY_KEY_F */" walks the whole key; "/* public.PRIMARY_KEY_F: globalindex >= … */" a range
        assertThat(axons).as("Axon's statement on H2").containsPattern("PRIMARY_KEY_\\w+ \\*/")
                         .doesNotContainPattern("PRIMARY_KEY_\\w+: ");
        assertThat(bounded).containsPattern("PRIMARY_KEY_\\w+: globalindex >= ");
    }

    /** Positions below {@code index} that are not stored: the gaps a token would hold. */
    private List<Long> gapsBelow(long index, int most) {
        List<Long> gaps = new ArrayList<>();
        for (long position = index - 1; position > Math.max(0, index - 10_000) && gaps.size() < most; position--) {
            if (!stored.contains(position)) {
                gaps.addFirst(position);
            }
        }
        return gaps;
    }

    private static List<Long> positions(PreparedStatement statement) throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                positions.add(rows.getLong("globalindex"));
            }
        }
        return positions;
    }

    /** H2's plan for the statement with its parameters as literals. */
    private String plan(PreparedStatement statement) throws SQLException {
        String sql = statement.unwrap(org.h2.jdbc.JdbcPreparedStatement.class).toString();
        statement.close();
        // H2 shows a prepared statement as "prep1: SELECT ... {1: 5, 2: 6}"
        String text = sql.substring(sql.indexOf(": ") + 2, sql.lastIndexOf(" {"));
        String[] values = sql.substring(sql.lastIndexOf(" {") + 2, sql.length() - 1).split(", ");
        for (String value : values) {
            text = text.replaceFirst("\\?", value.substring(value.indexOf(": ") + 2));
        }
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + text);
             ResultSet row = explain.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
