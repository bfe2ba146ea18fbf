package dev.mailsift.bench.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The scratch database {@code mailsift_bench} on the machine's PostgreSQL, one schema per engine variant. */
final class BenchDatabase {

    static final String DATABASE = "mailsift_bench";

    private final String hostPort;
    private final String user;

    BenchDatabase(String hostPort, String user) {
        this.hostPort = hostPort;
        this.user = user;
    }

    String url(String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database;
    }

    /** Creates {@code mailsift_bench} through the {@code postgres} maintenance database if it is absent. */
    void ensureDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), user, "");
             PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database " + DATABASE);
            }
        }
    }

    /** Drops and re-creates {@code schema}: every engine variant starts on an empty, fresh schema. */
    void recreateSchema(String schema) throws SQLException {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
            st.execute("create schema " + schema);
        }
    }

    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), user, "");
    }

    HikariDataSource dataSource(String poolName, String schema, boolean reWriteBatchedInserts, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName(poolName);
        cfg.setJdbcUrl(url(DATABASE) + "?currentSchema=" + schema
                + "&reWriteBatchedInserts=" + reWriteBatchedInserts
                + "&ApplicationName=mailsift-bench-" + poolName);
        cfg.setUsername(user);
        cfg.setPassword("");
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(poolSize);
        return new HikariDataSource(cfg);
    }
}
