package dev.mailsift.web.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedChunksTest {

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
                                                                .storageEngine(new InMemoryEventStorageEngine())
                                                                .build();
    private final CommittedChunks committedChunks = new CommittedChunks(events);
    private final List<ChunkValidated> followed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        committedChunks.close();
        events.shutDown();
    }

    @Test
    void aChunkIsHandedToTheFollowersOfItsJobOnlyOnceItsUnitOfWorkHasCommitted() {
        committedChunks.follow("job-1", followed::add);
        List<ChunkValidated> atCommit = new CopyOnWriteArrayList<>();
        UnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(chunk("job-1", 0)),
                GenericEventMessage.asEventMessage(chunk("job-2", 0)));
        appending.onCommit(unitOfWork -> atCommit.addAll(followed));

        appending.commit();

        assertThat(atCommit).as("nothing before the commit").isEmpty();
        assertThat(followed).containsExactly(chunk("job-1", 0));
    }

    @Test
    void aRolledBackChunkIsNeverHandedOn() {
        committedChunks.follow("job-1", followed::add);
        UnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(chunk("job-1", 0)));
        appending.onCommit(unitOfWork -> {
            throw new IllegalStateException("the database refused the commit");
        });

        try {
            appending.commit();
        } catch (IllegalStateException expected) {
            // the commit failed, as arranged
        }

        assertThat(followed).isEmpty();
    }

    @Test
    void aChunkOfANestedUnitOfWorkWaitsForTheRootAndIsDroppedWithItsRollback() {
        committedChunks.follow("job-1", followed::add);
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(chunk("job-1", 0)));
        nested.commit();
        assertThat(followed).as("the root has not committed").isEmpty();

        root.rollback();

        assertThat(followed).isEmpty();
    }

    @Test
    void aStreamThatStartsFollowingWhileTheChunkCommitsStillGetsIt() {
        UnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(null);
        events.publish(GenericEventMessage.asEventMessage(chunk("job-1", 0)));
        // after the event store has handed the chunk to its subscribers, before the commit ends
        appending.onCommit(unitOfWork -> committedChunks.follow("job-1", followed::add));

        appending.commit();

        assertThat(followed).containsExactly(chunk("job-1", 0));
    }

    @Test
    void aCancelledFollowingGetsNothingMoreAndAFailingFollowerKeepsNoOtherFromItsChunk() {
        List<ChunkValidated> second = new CopyOnWriteArrayList<>();
        committedChunks.follow("job-1", chunk -> {
            throw new IllegalStateException("the client went away");
        });
        committedChunks.follow("job-1", second::add);
        var cancelled = committedChunks.follow("job-1", followed::add);
        cancelled.cancel();

        events.publish(GenericEventMessage.asEventMessage(chunk("job-1", 0)));

        assertThat(second).containsExactly(chunk("job-1", 0));
        assertThat(followed).isEmpty();
    }

    private static ChunkValidated chunk(String jobId, int index) {
        return new ChunkValidated(jobId, "user-1", index, 2, new VerdictCounts(2, 0, 0, 0), Map.of("accepted", 2L),
                2, Instant.parse("2026-12-01T10:00:00Z"));
    }
}
