package dev.mailsift.web.platform.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and rebuilds the secondary indexes of the embedded H2 database that disagree with their tables' rows. H2 2.3
 * can be left, by a process killed mid-transaction, with an index entry whose row its recovery rolled back: a unique
 * index then refuses a key no row holds, and a job's chunk could never be recorded again (docs/decisions/0039).
 * <p>
 * An index is checked by counting its entries (read from the index alone) against the table's rows (read from the
 * row store); one that disagrees is dropped and created again from the rows. Before the first drop, the statements
 * that create the indexes are written to a plan file beside the database; a rebuild interrupted between a drop and
 * its creation is completed from that file on the next start ({@link #completeInterrupted}), so no constraint is lost.
 */
final class SecondaryIndexRepair {

    private final Path planFile;

    SecondaryIndexRepair(Path planFile) {
        this.planFile = planFile;
    }

    /** @return whether a rebuild was cut short (its plan is still there) */
    boolean interrupted() {
        return Files.exists(planFile);
    }

    /** Creates what an interrupted rebuild dropped and had not created again; does nothing without a plan file. */
    int completeInterrupted(Connection db) throws SQLException, IOException {
        if (!Files.exists(planFile)) {
            return 0;
        }
        int restored = 0;
        for (String line : Files.readAllLines(planFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            PlannedIndex index = PlannedIndex.parse(line);
            if (!exists(db, index)) {
                execute(db, index.create());
                restored++;
            }
        }
        execute(db, "CHECKPOINT SYNC");
        Files.delete(planFile);
        return restored;
    }

    /** @return the indexes (table.name) that disagreed with their rows and were rebuilt */
    List<String> repair(Connection db) throws SQLException, IOException {
        completeInterrupted(db);
        List<PlannedIndex> broken = new ArrayList<>();
        for (PlannedIndex index : secondaryIndexes(db)) {
            // an index H2 will not read for its count (another covers the query better) cannot be checked: rebuilt
            if (!countedFromItself(db, index) || entries(db, index) != rows(db, index.table())) {
                broken.add(index);
            }
        }
        rebuild(db, broken);
        return broken.stream().map(index -> index.table() + "." + index.name()).toList();
    }

    /** Drops and creates the indexes again, from their tables' rows. */
    void rebuild(Connection db, List<PlannedIndex> indexes) throws SQLException, IOException {
        if (indexes.isEmpty()) {
            return;
        }
        Path written = planFile.resolveSibling(planFile.getFileName() + ".new");
        Files.write(written, indexes.stream().map(PlannedIndex::format).toList(), StandardCharsets.UTF_8);
        Files.move(written, planFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (PlannedIndex index : indexes) {
            execute(db, index.drop());
            try {
                execute(db, index.create());
            } catch (SQLException failed) {
                // the plan stays: every start completes it before anything else uses the database
                throw new SQLException("could not create " + index.name() + " on " + index.table() + " again; the "
                        + "next start tries again from " + planFile, failed);
            }
        }
        // H2 writes to disk behind commits (its write delay): the plan may go only once the new indexes are there
        execute(db, "CHECKPOINT SYNC");
        Files.delete(planFile);
    }

    /**
     * The index's entries, read from the index alone (a query it covers, in its order): H2 answers such a query from
     * the index without the rows, so an entry whose row is gone is counted, when its plan names the index
     * ({@link #countedFromItself}). Equal counts cannot rule out an extra entry and a missing one together; a kill
     * leaves the former.
     */
    static String entriesQuery(PlannedIndex index) {
        String columns = index.columns().replace(" DESC", "");
        return "SELECT COUNT(*) FROM (SELECT " + columns + " FROM " + quote(index.table()) + " USE INDEX ("
                + quote(index.indexName()) + ") ORDER BY " + index.columns() + ")";
    }

    /** @return whether H2 answers {@link #entriesQuery} from this very index */
    static boolean countedFromItself(Connection db, PlannedIndex index) throws SQLException {
        try (Statement sql = db.createStatement();
             ResultSet plan = sql.executeQuery("EXPLAIN " + entriesQuery(index))) {
            plan.next();
            String text = plan.getString(1);
            return text.contains("/* " + db.getSchema() + "." + index.indexName() + " */")
                    && text.contains("/* index sorted */");
        }
    }

    private static long entries(Connection db, PlannedIndex index) throws SQLException {
        return count(db, entriesQuery(index));
    }

    /** The table's rows, read from its row store. */
    private static long rows(Connection db, String table) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM (SELECT _ROWID_ FROM " + quote(table) + " ORDER BY _ROWID_)");
    }

    private static long count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every index H2 keeps apart from a table's rows (not a table's row store itself), with how to create it. */
    static List<PlannedIndex> secondaryIndexes(Connection db) throws SQLException {
        Map<String, String> constraintOf = new LinkedHashMap<>();
        Map<String, String> constraintType = new LinkedHashMap<>();
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT index_name, constraint_name, constraint_type FROM information_schema.table_constraints "
                        + "WHERE table_schema = CURRENT_SCHEMA AND index_name IS NOT NULL")) {
            while (rows.next()) {
                constraintOf.put(rows.getString(1), rows.getString(2));
                constraintType.put(rows.getString(1), rows.getString(3));
            }
        }
        Map<String, String> tableOf = new LinkedHashMap<>();
        Map<String, Boolean> uniqueOf = new LinkedHashMap<>();
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT index_name, table_name, index_type_name FROM information_schema.indexes "
                        + "WHERE table_schema = CURRENT_SCHEMA AND index_class LIKE '%SecondaryIndex' "
                        + "ORDER BY table_name, index_name")) {
            while (rows.next()) {
                tableOf.put(rows.getString(1), rows.getString(2));
                uniqueOf.put(rows.getString(1), !rows.getString(3).equals("INDEX"));
            }
        }
        Map<String, List<String>> columnsOf = new LinkedHashMap<>();
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT index_name, column_name, ordering_specification FROM information_schema.index_columns "
                        + "WHERE table_schema = CURRENT_SCHEMA ORDER BY index_name, ordinal_position")) {
            while (rows.next()) {
                columnsOf.computeIfAbsent(rows.getString(1), name -> new ArrayList<>())
                         .add(quote(rows.getString(2)) + ("DESC".equals(rows.getString(3)) ? " DESC" : ""));
            }
        }
        List<PlannedIndex> indexes = new ArrayList<>();
        tableOf.forEach((index, table) -> {
            String constraint = constraintOf.get(index);
            String type = constraintType.get(index);
            if (constraint != null && !type.equals("UNIQUE") && !type.equals("PRIMARY KEY")) {
                return; // a foreign key's index belongs to its constraint; the schema has none today
            }
            indexes.add(new PlannedIndex(table, index, constraint == null ? index : constraint, constraint != null,
                    constraint == null ? uniqueOf.get(index) : type.equals("UNIQUE"),
                    "PRIMARY KEY".equals(type), String.join(", ", columnsOf.get(index))));
        });
        return indexes;
    }

    private static boolean exists(Connection db, PlannedIndex index) throws SQLException {
        String query = index.constraint()
                ? "SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_schema = CURRENT_SCHEMA "
                        + "AND table_name = ? AND constraint_name = ?"
                : "SELECT COUNT(*) FROM information_schema.indexes WHERE table_schema = CURRENT_SCHEMA "
                        + "AND table_name = ? AND index_name = ?";
        try (var statement = db.prepareStatement(query)) {
            statement.setString(1, index.table());
            statement.setString(2, index.name());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private static void execute(Connection db, String statement) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * One index, or the constraint it backs (then {@code name} is the constraint's, and H2 names the index anew when
     * the constraint is added again), as a line of the plan file (tab-separated).
     */
    record PlannedIndex(String table, String indexName, String name, boolean constraint, boolean unique,
                        boolean primaryKey, String columns) {

        String drop() {
            return constraint
                    ? "ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name)
                    : "DROP INDEX " + quote(name);
        }

        String create() {
            if (constraint) {
                return "ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(name)
                        + (primaryKey ? " PRIMARY KEY (" : " UNIQUE (") + columns + ")";
            }
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote(name) + " ON " + quote(table) + " ("
                    + columns + ")";
        }

        String format() {
            return String.join("\t", table, indexName, name, Boolean.toString(constraint), Boolean.toString(unique),
                    Boolean.toString(primaryKey), columns);
        }

        static PlannedIndex parse(String line) {
            String[] fields = line.split("\t", -1);
            return new PlannedIndex(fields[0], fields[1], fields[2], Boolean.parseBoolean(fields[3]),
                    Boolean.parseBoolean(fields[4]), Boolean.parseBoolean(fields[5]), fields[6]);
        }
    }
}
