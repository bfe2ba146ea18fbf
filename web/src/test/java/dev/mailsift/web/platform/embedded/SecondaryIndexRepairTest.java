package dev.mailsift.web.platform.embedded;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repair of the embedded database's indexes, on an H2 file holding the service's whole schema (its migrations).
 */
class SecondaryIndexRepairTest {

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseWhoseIndexesAgreeWithTheirRowsKeepsEveryIndexItCanCountAndRebuildsOnlyThoseItCannot()
            throws Exception {
        try (Connection db = migratedDatabase()) {
            appendEvent(db, "chunk-1", 0);
            List<String> uncountable = new java.util.ArrayList<>();
            for (SecondaryIndexRepair.PlannedIndex index : SecondaryIndexRepair.secondaryIndexes(db)) {
                if (!SecondaryIndexRepair.countedFromItself(db, index)) {
                    uncountable.add(index.table() + "." + index.name());
                }
            }
            SecondaryIndexRepair repair = new SecondaryIndexRepair(dataDir.resolve("plan"));

            assertThat(repair.repair(db)).containsExactlyInAnyOrderElementsOf(uncountable);
            assertThat(dataDir.resolve("plan")).doesNotExist();
        }
    }

    @Test
    void theEventStoresIndexesAreCountedFromThemselvesSoThatAnEntryWithoutItsRowIsCounted() throws Exception {
        try (Connection db = migratedDatabase()) {
            List<SecondaryIndexRepair.PlannedIndex> eventStore = SecondaryIndexRepair.secondaryIndexes(db).stream()
                    .filter(index -> index.table().equals("domainevententry")).toList();

            assertThat(eventStore).hasSize(2).allSatisfy(index ->
                    assertThat(SecondaryIndexRepair.countedFromItself(db, index)).as(index.name()).isTrue());
        }
    }

    @Test
    void everyIndexOfTheSchemaIsCreatedAgainWithItsConstraintAndStillRefusesADuplicate() throws Exception {
        try (Connection db = migratedDatabase()) {
            appendEvent(db, "chunk-1", 0);
            List<SecondaryIndexRepair.PlannedIndex> indexes = SecondaryIndexRepair.secondaryIndexes(db);
            assertThat(indexes).extracting(SecondaryIndexRepair.PlannedIndex::name)
                               .contains("uq_domain_event_aggregate_sequence", "uq_domain_event_identifier");

            new SecondaryIndexRepair(dataDir.resolve("plan")).rebuild(db, indexes);

            assertThat(SecondaryIndexRepair.secondaryIndexes(db)).extracting(SecondaryIndexRepair.PlannedIndex::name)
                    .containsExactlyInAnyOrderElementsOf(indexes.stream().map(SecondaryIndexRepair.PlannedIndex::name)
                            .toList());
            assertThatThrownBy(() -> appendEvent(db, "chunk-1", 0)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("uq_domain_event_aggregate_sequence");
            appendEvent(db, "chunk-1", 1);
            assertThat(dataDir.resolve("plan")).doesNotExist();
        }
    }

    @Test
    void aRebuildCutBetweenADropAndItsCreationIsCompletedFromItsPlanOnTheNextStart() throws Exception {
        try (Connection db = migratedDatabase()) {
            SecondaryIndexRepair.PlannedIndex aggregateSequence = SecondaryIndexRepair.secondaryIndexes(db).stream()
                    .filter(index -> index.name().equals("uq_domain_event_aggregate_sequence")).findFirst()
                    .orElseThrow();
            Files.writeString(dataDir.resolve("plan"), aggregateSequence.format() + "\n");
            try (Statement sql = db.createStatement()) {
                sql.execute(aggregateSequence.drop()); // the process was killed right after this
            }
            appendEvent(db, "chunk-1", 0);

            SecondaryIndexRepair repair = new SecondaryIndexRepair(dataDir.resolve("plan"));
            assertThat(repair.interrupted()).as("so the next start repairs, killed or not").isTrue();
            assertThat(repair.completeInterrupted(db)).isEqualTo(1);

            assertThatThrownBy(() -> appendEvent(db, "chunk-1", 0)).isInstanceOf(SQLException.class);
            assertThat(dataDir.resolve("plan")).doesNotExist();
        }
    }

    private Connection migratedDatabase() throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        return DriverManager.getConnection(url, "sa", "");
    }

    static void appendEvent(Connection db, String aggregate, long sequence) throws SQLException {
        try (var insert = db.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                + "type, eventidentifier, payload, payloadtype, timestamp) VALUES (?, ?, 'ValidationChunk', ?, ?, "
                + "'RowValidated', '2026-12-01T10:00:00Z')")) {
            insert.setString(1, aggregate);
            insert.setLong(2, sequence);
            insert.setString(3, java.util.UUID.randomUUID().toString());
            insert.setBytes(4, new byte[] {'{', '}'});
            insert.executeUpdate();
        }
    }
}
