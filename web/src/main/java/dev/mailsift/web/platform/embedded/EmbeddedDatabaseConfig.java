package dev.mailsift.web.platform.embedded;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The embedded database's recovery from a killed process: before migrations run, the indexes of a database whose
 * last user was killed, or whose last index rebuild was cut short, are checked against their rows and rebuilt where
 * they disagree (docs/decisions/0039).
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean
    static EmbeddedDatabaseGuard embeddedDatabaseGuard() {
        return new EmbeddedDatabaseGuard();
    }

    @Bean
    FlywayMigrationStrategy repairingMigrationStrategy(EmbeddedDatabaseGuard guard) {
        return flyway -> {
            guard.database().ifPresent(database -> {
                if (guard.killedBefore() || new SecondaryIndexRepair(database.rebuildPlan()).interrupted()) {
                    repair(flyway, database);
                }
            });
            flyway.migrate();
        };
    }

    private static void repair(Flyway flyway, EmbeddedDatabaseFile database) {
        long started = System.nanoTime();
        try (Connection db = flyway.getConfiguration().getDataSource().getConnection()) {
            List<String> rebuilt = new SecondaryIndexRepair(database.rebuildPlan()).repair(db);
            log.warn("Checked the indexes of {} in {} ms; rebuilt from their rows: {}", database.file(),
                    (System.nanoTime() - started) / 1_000_000, rebuilt.isEmpty() ? "none" : rebuilt);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not check the indexes of " + database.file(), failed);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
