package dev.mailsift.web.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) and RabbitMQ (127.0.0.1:5672, guest/guest), as .ci/run
 * provides them. Each test class gets a database of its own, so runs never see each other's events.
 */
public final class RealServices {

    public static final String AMQP_URL = "amqp://guest:guest@127.0.0.1:5672";
    private static final String POSTGRES = System.getProperty("mailsift.it.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("mailsift.it.postgres-user", "postgres");

    private RealServices() {
    }

    /** Creates a fresh, empty database and returns its JDBC URL. */
    public static String freshDatabase() {
        String name = "mailsift_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + POSTGRES
                    + " (start it, or run without -Preal-services)", e);
        }
        return POSTGRES + name + "?reWriteBatchedInserts=true";
    }

    public static String user() {
        return USER;
    }
}
