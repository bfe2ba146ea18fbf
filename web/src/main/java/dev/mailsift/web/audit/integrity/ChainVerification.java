package dev.mailsift.web.audit.integrity;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/** Verification of the chain by the service, trusting the keys it signs with; one read-only transaction. */
@Component
class ChainVerification {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AuditSigningKeys keys;

    ChainVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditSigningKeys keys) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.keys = keys;
    }

    IntegrityReport verify() {
        return inTransaction(tables -> new ChainVerifier(tables,
                publicKey -> keys.trustedPublicKeys().stream().anyMatch(key -> Arrays.equals(key, publicKey)))
                .verify(Optional.empty()));
    }

    Optional<Checkpoint> lastCheckpoint() {
        return inTransaction(ChainTables::lastCheckpoint);
    }

    private interface TableWork<T> {
        T apply(ChainTables tables) throws SQLException;
    }

    /** JdbcTemplate translates an {@code SQLException} into Spring's {@code DataAccessException}. */
    private <T> T inTransaction(TableWork<T> work) {
        return readOnly.execute(status -> jdbc.execute(
                (ConnectionCallback<T>) connection -> work.apply(new ChainTables(connection))));
    }
}
