package dev.mailsift.web.audit;

import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionStarted;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.accounts.AccountAsOf;
import dev.mailsift.command.jobs.JobAsOf;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Accounts and jobs as they were at an instant, folded from their events up to it (inclusive) by the aggregates' own
 * rules ({@link AccountAsOf}, {@link JobAsOf}). Events are read from the store itself (never a snapshot, never a
 * read model) through Axon's serializer and upcasters, so a revised event folds in its current form.
 */
@Component
public class AsOfStates {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_ID = 255;

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final Serializer eventSerializer;

    AsOfStates(EventStore events, JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.events = events;
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
    }

    /** The account as it was at {@code asOf}, or empty when it did not exist yet (or never). */
    public Optional<AccountState> account(String userId, Instant asOf) {
        if (userId.length() > MAX_ID) {
            return Optional.empty();
        }
        AccountAsOf account = new AccountAsOf();
        Folded folded = fold(userId, asOf, account::apply);
        if (!account.opened()) {
            return Optional.empty();
        }
        return Optional.of(new AccountState(userId, asOf, account.creditsAvailable(), account.creditsReserved(),
                account.standing(), account.role(), subscription(userId, asOf), folded.count(), folded.last()));
    }

    Optional<JobState> job(String jobId, Instant asOf) {
        if (!JOB_ID.matcher(jobId).matches()) {
            return Optional.empty();
        }
        JobAsOf job = new JobAsOf();
        Folded folded = fold(jobId, asOf, job::apply);
        if (!job.uploaded()) {
            return Optional.empty();
        }
        // the chunks' verdict summaries, one small event per chunk (never their per-row events)
        jdbc.query("SELECT payload, payloadtype, payloadrevision FROM domainevententry WHERE aggregateidentifier LIKE ? "
                        + "AND payloadtype = ? AND timestamp <= ? ORDER BY globalindex",
                rs -> {
                    job.apply(eventSerializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(1), byte[].class,
                            rs.getString(2), rs.getString(3))));
                }, jobId + "/%", ChunkValidated.class.getName(), DateTimeUtils.formatInstant(asOf));
        return Optional.of(new JobState(jobId, job.userId(), asOf, job.status(), job.creditsReserved(),
                job.addressesToVerify(), job.chunkCount(), job.chunksValidated(), job.rowsValidated(),
                job.billableRows(), job.partialResultsRecorded(), folded.count(), folded.last()));
    }

    private Subscription subscription(String userId, Instant asOf) {
        List<String> customers = jdbc.queryForList("SELECT customer_id FROM billing_customer WHERE user_id = ?",
                String.class, userId);
        Subscription[] current = {null};
        for (String customer : customers) {
            fold(customer, asOf, event -> {
                switch (event) {
                    case SubscriptionStarted e ->
                            current[0] = new Subscription(e.subscriptionId(), e.planId(), "ACTIVE", null);
                    case SubscriptionPeriodPaid e when current[0] != null ->
                            current[0] = new Subscription(current[0].subscriptionId(), e.planId(), "ACTIVE",
                                    e.periodEnd());
                    case SubscriptionChanged e when current[0] != null ->
                            current[0] = new Subscription(current[0].subscriptionId(), e.planId(),
                                    current[0].status(), current[0].paidThrough());
                    case SubscriptionCanceled e when current[0] != null ->
                            current[0] = new Subscription(current[0].subscriptionId(), current[0].planId(),
                                    "CANCELED", current[0].paidThrough());
                    default -> {
                    }
                }
            });
        }
        return current[0];
    }

    /** Hands every event of the aggregate stamped at or before {@code asOf} to {@code apply}, in order. */
    private Folded fold(String aggregateId, Instant asOf, Consumer<Object> apply) {
        DomainEventStream stream = events.readEvents(aggregateId, 0);
        long count = 0;
        Instant last = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            apply.accept(event.getPayload());
            count++;
            last = event.getTimestamp();
        }
        return new Folded(count, last);
    }

    private record Folded(long count, Instant last) {
    }

    /**
     * @param standing       {@code ACTIVE}, {@code UNCONFIRMED} or {@code SUSPENDED}
     * @param subscription   the plan the account was subscribed to then, or null
     * @param eventsApplied  how many of the account's events were folded
     * @param lastEventAt    when the last of them happened
     */
    public record AccountState(String userId, Instant asOf, long creditsAvailable, long creditsReserved,
                               String standing, UserRole role, Subscription subscription, long eventsApplied,
                               Instant lastEventAt) {
    }

    /** @param paidThrough the end of the last paid period, or null before the first payment was recorded */
    public record Subscription(String subscriptionId, String planId, String status, Instant paidThrough) {
    }

    record JobState(String jobId, String userId, Instant asOf, JobStatus status, long creditsReserved,
                    long addressesToVerify, int chunkCount, int chunksValidated, long rowsValidated,
                    long billableRows, boolean partialResultsRecorded, long eventsApplied, Instant lastEventAt) {
    }
}
