package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.platform.node.NodeRoles;
import dev.mailsift.web.platform.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seals the event store into the hash chain, behind the appends: a thread on every node that runs projections looks
 * for events past the chain's head each {@code seal-interval} and seals them in order, one batch per transaction.
 * Nodes take turns by locking the head's row, so the chain is one whatever the number of nodes. Appending never
 * waits for sealing.
 * <p>
 * Global positions may have holes: a transaction that took a position and has not committed yet, or one that rolled
 * back. Sealing stops before a hole until the event after it is older than {@code gap-timeout}, then passes it; an
 * event committed into a hole after that is reported by the verifier as inserted.
 */
@Component
class ChainSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditSigningKeys keys;
    private final IntegrityProperties properties;
    private final NodeRoles roles;
    private final Clock clock;
    private final CheckpointPublisher publisher;
    private final PeriodicTask sealer = new PeriodicTask("audit-sealer", this::sealSafely);

    ChainSealer(JdbcTemplate jdbc, TransactionTemplate transactions, AuditSigningKeys keys,
                IntegrityProperties properties, NodeRoles roles, Clock clock, CheckpointPublisher publisher) {
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keys = keys;
        this.properties = properties;
        this.roles = roles;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (roles.projections()) {
            sealer.start(properties.sealInterval());
        }
    }

    @Override
    public void stop() {
        sealer.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return sealer.running();
    }

    private void sealSafely() {
        try {
            sealAvailable();
        } catch (RuntimeException e) {
            log.warn("Sealing the event store into the audit chain failed; retrying: {}", e.toString());
        }
        publisher.publishPending();
    }

    /** Seals batch after batch until nothing more can be sealed now; returns how many events were sealed. */
    long sealAvailable() {
        long sealed = 0;
        int batch;
        do {
            batch = sealBatch();
            sealed += batch;
        } while (batch == properties.sealBatch() && !Thread.currentThread().isInterrupted());
        return sealed;
    }

    int sealBatch() {
        Integer sealed = transactions.execute(status -> jdbc.execute(
                (ConnectionCallback<Integer>) connection -> sealNext(new ChainTables(connection), clock.instant())));
        return sealed == null ? 0 : sealed;
    }

    private int sealNext(ChainTables tables, Instant now) throws SQLException {
        ChainTables.Head head = tables.head(true);
        long position = head.position();
        byte[] seal = head.seal();
        List<ChainTables.Seal> seals = new ArrayList<>();
        String earliest = null;
        String latest = null;
        for (StoredEvent event : tables.eventsAfter(head.position(), properties.sealBatch())) {
            if (event.position() != position + 1 && !holeSettled(event, now)) {
                break;
            }
            byte[] digest = event.digest();
            seal = HashChain.next(seal, event.position(), digest);
            position = event.position();
            seals.add(new ChainTables.Seal(position, digest, seal));
            earliest = earliest == null || event.timestamp().compareTo(earliest) < 0 ? event.timestamp() : earliest;
            latest = latest == null || event.timestamp().compareTo(latest) > 0 ? event.timestamp() : latest;
        }
        ChainTables.Head sealedThrough = new ChainTables.Head(position, seal, head.sealedCount() + seals.size());
        if (!seals.isEmpty()) {
            tables.insertSeals(seals);
            tables.coverTimeSpansThrough(head.position());
            // from the position after the last head, holes passed included: the spans tile what is sealed
            tables.insertTimeSpan(head.position() + 1, position, earliest, latest);
            tables.moveHead(sealedThrough);
        }
        checkpointIfDue(tables, sealedThrough, now);
        return seals.size();
    }

    /** A hole before {@code next} is final once {@code next} itself is older than the gap timeout. */
    private boolean holeSettled(StoredEvent next, Instant now) {
        try {
            Instant appended = OffsetDateTime.parse(next.timestamp()).toInstant();
            return appended.plus(properties.gapTimeout()).isBefore(now);
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private void checkpointIfDue(ChainTables tables, ChainTables.Head head, Instant now) throws SQLException {
        if (head.sealedCount() == 0) {
            return;
        }
        Optional<Checkpoint> last = tables.lastCheckpoint();
        boolean due = last.isEmpty()
                || (head.position() > last.get().position()
                && (head.sealedCount() - last.get().sealedCount() >= properties.checkpointEvery()
                || !Instant.parse(last.get().createdAt()).plus(properties.checkpointInterval()).isAfter(now)));
        if (due) {
            tables.insertCheckpoint(Checkpoint.signed(keys.current(), head.position(), head.seal(),
                    head.sealedCount(), now.toString()));
        }
    }

    /** Before the web server and the event processors stop: after them in the start order. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
