package dev.mailsift.web.jobs;

import dev.mailsift.api.job.ChunkValidated;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Hands the progress streams of this node each chunk of their job the moment this node commits it, before the
 * {@code jobs} read model has counted it: its processor's next look, its batch and its write were most of the time
 * from a chunk's commit to the bar moving (docs/decisions/0051-progress-from-the-committing-node.md). A chunk
 * committed on another node reaches the stream through the read model only, as before.
 */
@Component
class CommittedChunks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommittedChunks.class);

    private final Map<String, Set<Consumer<ChunkValidated>>> followersByJob = new ConcurrentHashMap<>();
    private final Registration subscription;

    CommittedChunks(EventStore events) {
        subscription = events.subscribe(this::published);
    }

    /** Until the registration is cancelled, {@code follower} is given each chunk of the job this node commits. */
    Registration follow(String jobId, Consumer<ChunkValidated> follower) {
        followersByJob.compute(jobId, (id, followers) -> {
            Set<Consumer<ChunkValidated>> all = followers == null ? new CopyOnWriteArraySet<>() : followers;
            all.add(follower);
            return all;
        });
        return () -> {
            followersByJob.computeIfPresent(jobId, (id, followers) -> {
                followers.remove(follower);
                return followers.isEmpty() ? null : followers;
            });
            return true;
        };
    }

    @Override
    public void close() {
        subscription.cancel();
    }

    /**
     * Called while the appending unit of work prepares its commit: the chunks are handed on only after it (a nested
     * unit's after-commit waits for the root's commit, and is dropped if either rolls back). Who follows is looked
     * up then, not now: a stream opened between the two must get the chunk, which its first read may not count.
     */
    private void published(List<? extends EventMessage<?>> events) {
        List<ChunkValidated> chunks = events.stream()
                                            .filter(event -> ChunkValidated.class.equals(event.getPayloadType()))
                                            .map(event -> (ChunkValidated) event.getPayload())
                                            .toList();
        if (chunks.isEmpty()) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> handOn(chunks));
        } else {
            handOn(chunks);
        }
    }

    /** On the committing thread, so a follower must not wait: one that fails keeps no other from its chunk. */
    private void handOn(List<ChunkValidated> chunks) {
        for (ChunkValidated chunk : chunks) {
            for (Consumer<ChunkValidated> follower : followersByJob.getOrDefault(chunk.jobId(), Set.of())) {
                try {
                    follower.accept(chunk);
                } catch (RuntimeException e) {
                    log.debug("a progress stream could not take chunk {} of job {}: {}", chunk.chunkIndex(),
                            chunk.jobId(), e.toString());
                }
            }
        }
    }
}
