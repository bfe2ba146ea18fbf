package dev.mailsift.web.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Notices, before the pool first opens the embedded H2 database, whether the process that used it last was killed:
 * H2's header was left without its clean mark, or this service's own in-use marker was left behind (it survives a
 * tool that opened and closed the file in between, such as the offline audit verifier). The marker is written when
 * the pool is made and removed once the pool is closed, on an orderly shutdown.
 */
final class EmbeddedDatabaseGuard implements DestructionAwareBeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseGuard.class);

    private volatile EmbeddedDatabaseFile database;
    private volatile boolean killedBefore;

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && database == null) {
            Optional<EmbeddedDatabaseFile> file = EmbeddedDatabaseFile.of(pool.getJdbcUrl());
            file.ifPresent(this::open);
        }
        return bean;
    }

    private void open(EmbeddedDatabaseFile file) {
        try {
            boolean markerLeft = Files.exists(file.openMarker());
            killedBefore = file.exists() && (markerLeft || !file.closedCleanly());
            if (killedBefore) {
                log.warn("The embedded database {} was not closed cleanly: the process using it was stopped "
                        + "without shutting down; its indexes are checked before it is used", file.file());
            }
            Files.createDirectories(file.openMarker().toAbsolutePath().getParent());
            Files.writeString(file.openMarker(), marker());
            database = file;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the embedded database's file " + file.file(), unreadable);
        }
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        EmbeddedDatabaseFile file = database;
        if (bean instanceof HikariDataSource pool && file != null
                && file.equals(EmbeddedDatabaseFile.of(pool.getJdbcUrl()).orElse(null))) {
            pool.close(); // H2 closes the database with its last connection, writing its clean mark
            try {
                // only this process's marker: a second process that failed on H2's file lock leaves the first one's
                if (Files.exists(file.openMarker()) && Files.readString(file.openMarker()).equals(marker())) {
                    Files.delete(file.openMarker());
                }
            } catch (IOException kept) {
                log.warn("could not remove {}; the next start will check the indexes again", file.openMarker());
            }
        }
    }

    private static String marker() {
        return "in use by process " + ProcessHandle.current().pid() + "\n";
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof HikariDataSource;
    }

    /** @return the embedded database file the pool opens, if it opens one */
    Optional<EmbeddedDatabaseFile> database() {
        return Optional.ofNullable(database);
    }

    /** @return whether the process that used the database last was killed */
    boolean killedBefore() {
        return killedBefore;
    }
}
