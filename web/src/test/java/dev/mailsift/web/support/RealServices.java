package dev.mailsift.web.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * A test context on the embedded default ({@link EmbeddedTestProperties}) in a new directory named from
     * {@code directoryPrefix}, but on a fresh PostgreSQL database; the database's JDBC URL.
     */
    public static String register(DynamicPropertyRegistry registry, String directoryPrefix) throws IOException {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory(directoryPrefix));
        return registerFreshDatabase(registry);
    }

    /** A {@linkplain #freshDatabase fresh database} as the test context's data source; its JDBC URL. */
    public static String registerFreshDatabase(DynamicPropertyRegistry registry) {
        String url = freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", RealServices::user);
        registry.add("spring.datasource.password", () -> "");
        return url;
    }

    /**
     * A chunk queue of the test context's own, gone ten minutes after it was last used: other nodes on the shared
     * broker (benchmarks, other runs) must not take its chunks.
     */
    public static void registerOwnChunkQueue(DynamicPropertyRegistry registry) {
        registry.add("mailsift.pipeline.chunk-queue", () -> "mailsift.chunks.test-" + UUID.randomUUID());
        registry.add("mailsift.pipeline.chunk-queue-expires", () -> "PT10M");
    }
}
