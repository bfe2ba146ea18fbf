package dev.mailsift.bench.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** One Axon event storage engine configuration, on its own data source and schema. */
abstract class EngineVariant implements AutoCloseable {

    final String name;
    final String schema;
    final String table;
    final String description;
    HikariDataSource dataSource;
    TransactionManager transactionManager;
    EventStorageEngine engine;

    EngineVariant(String name, String schema, String table, String description) {
        this.name = name;
        this.schema = schema;
        this.table = table;
        this.description = description;
    }

    /** Builds the engine and creates its schema (the schema itself is already fresh and empty). */
    abstract void start(BenchDatabase db, int poolSize) throws Exception;

    /** One unit of work: one transaction, one {@code appendEvents} call, as Axon does at UoW commit. */
    final void appendInUnitOfWork(List<? extends DomainEventMessage<?>> events) {
        transactionManager.executeInTransaction(() -> engine.appendEvents(events));
    }

    /** Reads one aggregate's stream back through the engine (sanity check, not timed). */
    final List<DomainEventMessage<?>> readAggregate(String aggregateId) {
        return transactionManager.fetchInTransaction(() -> {
            List<DomainEventMessage<?>> out = new ArrayList<>();
            engine.readEvents(aggregateId).asStream().forEach(out::add);
            return out;
        });
    }

    final long rowCount() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    final void truncate() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("truncate table " + table);
        }
    }

    /** Column types of the serialized payload/metadata columns, as PostgreSQL reports them. */
    final String columnTypes(String... columns) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String col : columns) {
                try (ResultSet rs = st.executeQuery(
                        "select data_type from information_schema.columns where table_schema = '" + schema
                                + "' and table_name = '" + table + "' and column_name = '" + col + "'")) {
                    sb.append(sb.isEmpty() ? "" : ", ").append(col).append('=')
                            .append(rs.next() ? rs.getString(1) : "MISSING");
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
