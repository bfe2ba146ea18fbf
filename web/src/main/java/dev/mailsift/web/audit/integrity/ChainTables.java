package dev.mailsift.web.audit.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC over the event store and the chain's tables ({@code audit_seal}, {@code audit_chain_head},
 * {@code audit_checkpoint}), on a connection the caller owns: the service's, or the offline verifier's own. The same
 * SQL runs on PostgreSQL and on the embedded H2 (PostgreSQL mode).
 */
final class ChainTables {

    /** Where sealing has reached: the last sealed position, its seal ({@link HashChain#GENESIS} before any). */
    record Head(long position, byte[] seal, long sealedCount) {
    }

    /** One sealed position: the digest the event had when sealed, and the chain's seal through it. */
    record Seal(long position, byte[] eventDigest, byte[] seal) {
    }

    private final Connection connection;

    ChainTables(Connection connection) {
        this.connection = connection;
    }

    Head head(boolean forUpdate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position, seal, sealed_count FROM audit_chain_head WHERE id = 1"
                        + (forUpdate ? " FOR UPDATE" : ""));
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("audit_chain_head has no row: the database was not migrated");
            }
            byte[] seal = row.getBytes(2);
            return new Head(row.getLong(1), seal == null ? HashChain.GENESIS : seal, row.getLong(3));
        }
    }

    void moveHead(Head head) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_chain_head SET position = ?, seal = ?, sealed_count = ? WHERE id = 1")) {
            update.setLong(1, head.position());
            update.setBytes(2, head.seal());
            update.setLong(3, head.sealedCount());
            update.executeUpdate();
        }
    }

    List<StoredEvent> eventsAfter(long position, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?")) {
            select.setLong(1, position);
            select.setInt(2, limit);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        }
    }

    long countEventsAfter(long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM domainevententry WHERE globalindex > ?")) {
            select.setLong(1, position);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Every event through {@code position}, in global order, read with a cursor (bounded memory). */
    ResultSet eventsThrough(long position) throws SQLException {
        PreparedStatement select = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                + " FROM domainevententry WHERE globalindex <= ? ORDER BY globalindex");
        select.setFetchSize(500);
        select.setLong(1, position);
        select.closeOnCompletion();
        return select.executeQuery();
    }

    /** Every seal through {@code position}, in order, read with a cursor. */
    ResultSet sealsThrough(long position) throws SQLException {
        PreparedStatement select = connection.prepareStatement(
                "SELECT position, event_digest, seal FROM audit_seal WHERE position <= ? ORDER BY position");
        select.setFetchSize(2000);
        select.setLong(1, position);
        select.closeOnCompletion();
        return select.executeQuery();
    }

    static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getString(6), row.getString(7), row.getString(8), row.getBytes(9), row.getBytes(10));
    }

    static Seal seal(ResultSet row) throws SQLException {
        return new Seal(row.getLong(1), row.getBytes(2), row.getBytes(3));
    }

    void insertSeals(List<Seal> seals) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_seal (position, event_digest, seal) VALUES (?, ?, ?)")) {
            for (Seal seal : seals) {
                insert.setLong(1, seal.position());
                insert.setBytes(2, seal.eventDigest());
                insert.setBytes(3, seal.seal());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The time a sealed batch spans, from its first to its last position, for reads of the history by time range;
     * Axon's timestamps have a fixed number of fraction digits, so the earliest and latest compare as text.
     */
    void insertTimeSpan(long firstPosition, long lastPosition, String earliest, String latest) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_time_span "
                + "(first_position, last_position, earliest, latest) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, firstPosition);
            insert.setLong(2, lastPosition);
            insert.setString(3, earliest);
            insert.setString(4, latest);
            insert.executeUpdate();
        }
    }

    /**
     * Adds the span of sealed positions that no span covers yet, up to {@code position}: sealed by a node older
     * than the spans, or before a failed write. Nothing when none has an event.
     */
    void coverTimeSpansThrough(long position) throws SQLException {
        long covered;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_position FROM audit_time_span ORDER BY first_position DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            covered = row.next() ? row.getLong(1) : 0;
        }
        if (covered >= position) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT MIN(timestamp), MAX(timestamp) "
                + "FROM domainevententry WHERE globalindex > ? AND globalindex <= ?")) {
            select.setLong(1, covered);
            select.setLong(2, position);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && row.getString(1) != null) {
                    insertTimeSpan(covered + 1, position, row.getString(1), row.getString(2));
                }
            }
        }
    }

    /** Another sealed position whose event had this digest: how a moved event is told from a changed one. */
    Optional<Long> otherPositionSealing(byte[] eventDigest, long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position FROM audit_seal WHERE event_digest = ? AND position <> ? ORDER BY position")) {
            select.setBytes(1, eventDigest);
            select.setLong(2, position);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<Checkpoint> lastCheckpoint() throws SQLException {
        List<Checkpoint> last = checkpoints("SELECT " + CHECKPOINT_COLUMNS
                + " FROM audit_checkpoint ORDER BY position DESC LIMIT 1", Long.MAX_VALUE);
        return last.stream().findFirst();
    }

    /** The oldest checkpoints not yet written out of the database, at most {@code most}, in chain order. */
    List<Checkpoint> unpublishedCheckpoints(int most) throws SQLException {
        return checkpoints("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE published_at IS NULL "
                + "ORDER BY position LIMIT " + most, Long.MAX_VALUE);
    }

    void markPublished(long position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_checkpoint SET published_at = CURRENT_TIMESTAMP WHERE position = ?")) {
            update.setLong(1, position);
            update.executeUpdate();
        }
    }

    List<Checkpoint> checkpointsThrough(long position) throws SQLException {
        return checkpoints("SELECT " + CHECKPOINT_COLUMNS
                + " FROM audit_checkpoint WHERE position <= ? ORDER BY position", position);
    }

    private static final String CHECKPOINT_COLUMNS =
            "position, seal, sealed_count, created_at, public_key, signature";

    private List<Checkpoint> checkpoints(String sql, long position) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (sql.contains("?")) {
                select.setLong(1, position);
            }
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    checkpoints.add(new Checkpoint(row.getLong(1), row.getString(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getString(6)));
                }
            }
            return checkpoints;
        }
    }

    void insertCheckpoint(Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoint ("
                + CHECKPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.position());
            insert.setString(2, checkpoint.sealHex());
            insert.setLong(3, checkpoint.sealedCount());
            insert.setString(4, checkpoint.createdAt());
            insert.setString(5, checkpoint.publicKeyBase64());
            insert.setString(6, checkpoint.signatureBase64());
            insert.executeUpdate();
        }
    }
}
