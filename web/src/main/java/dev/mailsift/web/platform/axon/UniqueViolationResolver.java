package dev.mailsift.web.platform.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells Axon when an append hit the event store's unique keys, so that it raises a
 * {@code ConcurrencyException} (someone appended to the aggregate first) or an
 * {@code AggregateStreamCreationException} (the aggregate already exists) instead of a generic storage error.
 *
 * <p>Axon's default resolver looks for {@code SQLIntegrityConstraintViolationException} in the cause chain, which
 * neither PgJDBC's {@code PSQLException} nor a JDBC {@code BatchUpdateException} (whose detail hangs off
 * {@code getNextException()}) provides. SQLSTATE 23505 ({@code unique_violation}) is what both PostgreSQL and H2
 * report.
 */
class UniqueViolationResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = exception;
        while (current != null && seen.add(current)) {
            if (current instanceof SQLException sql) {
                for (SQLException next = sql; next != null && seen.size() < 100; next = next.getNextException()) {
                    seen.add(next);
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            current = current.getCause();
        }
        return false;
    }
}
