package dev.mailsift.web.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FindJob;
import dev.mailsift.api.job.JobView;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import org.axonframework.common.Registration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Live progress as Server-Sent Events ({@code event: progress}), fed by a subscription query on the job read
 * model: the current state first, then one event per change, until the job finishes.
 * <p>
 * Without Axon Server, subscription-query updates reach only subscribers in the JVM whose {@code jobs} processor
 * handled the event: not an API node without the {@code projections} role, nor one whose projections peer claimed
 * the job's segment. So the stream also re-reads the read model every {@code mailsift.progress.poll-interval}
 * (shared by every node) and sends what changed; a state never goes back (docs/decisions/0023-node-roles.md).
 * <p>
 * A chunk this node commits is sent at once, added to the read model's state until that counts it
 * ({@link CommittedChunks}, {@link LiveJobProgress}); the sending is done off the committing thread, so a slow
 * client holds up no chunk worker and no processor.
 */
@RestController
@Validated
class JobProgressController {

    private static final Duration STREAM_LIMIT = Duration.ofHours(2);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(3);
    private static final Duration FIRST_POLL = Duration.ofMillis(500);

    private final QueryGateway queries;
    private final UploadedJobs uploadedJobs;
    private final CommittedChunks committedChunks;
    private final Duration pollInterval;

    JobProgressController(QueryGateway queries, UploadedJobs uploadedJobs, CommittedChunks committedChunks,
                          @Value("${mailsift.progress.poll-interval:PT2S}") Duration pollInterval) {
        this.queries = queries;
        this.uploadedJobs = uploadedJobs;
        this.committedChunks = committedChunks;
        this.pollInterval = pollInterval;
    }

    @ApiResponse(responseCode = "200", description = "A stream of `event: progress`, each `data:` the job as JSON.",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = JobResponse.class)))
    @Operation(summary = "Follow a job",
            description = "A Server-Sent Events stream (`event: progress`, `data:` the job as JSON): the "
                    + "current state first, then one event per change, until the job finishes. Another "
                    + "account's job, or none, answers `404` at once.")
    @GetMapping(path = "/api/v1/jobs/{jobId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable @Size(max = 64) String jobId,
                        @AuthenticationPrincipal AuthenticatedUser caller) {
        // someone else's job, or none: 404 at once, without waiting for a read model that will never have it
        if (!uploadedJobs.uploadedBy(caller.userId(), jobId)) {
            throw new ResourceNotFoundException("No such job.");
        }
        FindJob query = new FindJob(caller.userId(), jobId);
        // followed before the first read, so that no chunk committed from then on waits for the read model
        Sinks.Many<ChunkValidated> committedHere = Sinks.many().unicast().onBackpressureBuffer();
        Registration following = committedChunks.follow(jobId, chunk -> {
            synchronized (committedHere) { // chunk workers commit side by side; a sink takes one at a time
                committedHere.tryEmitNext(chunk);
            }
        });
        try {
            return stream(query, committedHere.asFlux(), following);
        } catch (RuntimeException | Error e) {
            following.cancel(); // nothing may stay registered, buffering chunks for a stream that never started
            throw e;
        }
    }

    private SseEmitter stream(FindJob query, Flux<ChunkValidated> committedHere, Registration following) {
        SubscriptionQueryResult<JobView, JobView> subscription = queries.subscriptionQuery(
                query, ResponseTypes.instanceOf(JobView.class), ResponseTypes.instanceOf(JobView.class));
        // The read model re-read on an interval: updates emitted on other nodes never arrive here.
        // (first soon, for a job just uploaded that no update will announce here)
        Flux<JobView> polled = Flux.interval(FIRST_POLL.compareTo(pollInterval) < 0 ? FIRST_POLL : pollInterval,
                                             pollInterval)
                                   .onBackpressureDrop()
                                   .concatMap(tick -> Mono.fromFuture(() -> queries.query(query, JobView.class))
                                                          .onErrorResume(error -> Mono.empty()), 1);
        // One subscription to the updates (they can be consumed once), replaying the latest state to the stream;
        // a job uploaded a moment ago may not be in the read model yet, so its first update is waited for briefly.
        LiveJobProgress live = new LiveJobProgress();
        Flux<JobView> fromReadModel = Flux.concat(subscription.initialResult(),
                                                  Flux.merge(subscription.updates(), polled))
                                          .mapNotNull(live::readModel);
        AtomicReference<Disposable> connection = new AtomicReference<>();
        Flux<JobView> states = Flux.merge(fromReadModel, committedHere.mapNotNull(live::committedHere))
                                   .filter(new NeverBackwards())
                                   .replay(1)
                                   .autoConnect(1, connection::set);
        // the poll, the subscription and the following end with the stream, however it ends
        Runnable close = () -> {
            following.cancel();
            subscription.close();
            Disposable connected = connection.get();
            if (connected != null) {
                connected.dispose();
            }
        };
        try {
            JobView first = states.next().timeout(READ_YOUR_WRITES, Mono.empty()).block();
            if (first == null) {
                throw new ResourceNotFoundException("No such job.");
            }
            SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
            emitter.onCompletion(close);
            emitter.onTimeout(close);
            emitter.onError(error -> close.run());
            states.takeUntil(job -> job.status().finished())
                  .publishOn(Schedulers.boundedElastic())
                  .subscribe(job -> send(emitter, job), emitter::completeWithError, () -> {
                      close.run();
                      emitter.complete();
                  });
            return emitter;
        } catch (RuntimeException | Error e) {
            close.run();
            throw e;
        }
    }

    /**
     * Lets a state through only if it differs from the last one and is not older: a poll answered just before an
     * update was committed must not move the bar back. Progress only grows, and a finished job stays finished.
     */
    static final class NeverBackwards implements Predicate<JobView> {

        private JobView last;

        @Override
        public synchronized boolean test(JobView job) {
            if (last != null && (job.equals(last) || last.status().finished() || behind(job, last))) {
                return false;
            }
            last = job;
            return true;
        }

        /**
         * An unfinished state with fewer rows or an earlier status than {@code last}. A finished one never is: its
         * counts are the job's, even below rows shown of a chunk that ended after a cancel.
         */
        static boolean behind(JobView job, JobView last) {
            return !job.status().finished()
                    && (job.rowsDone() < last.rowsDone() || job.status().ordinal() < last.status().ordinal());
        }
    }

    private static void send(SseEmitter emitter, JobView job) {
        try {
            emitter.send(SseEmitter.event().name("progress").id(job.updatedAt().toString())
                                   .data(JobResponse.of(job), MediaType.APPLICATION_JSON));
        } catch (IOException clientGone) {
            emitter.completeWithError(clientGone);
        }
    }
}
