package dev.mailsift.web.jobs;

import dev.mailsift.api.job.FindJob;
import dev.mailsift.api.job.JobView;
import dev.mailsift.web.problem.ResourceNotFoundException;
import dev.mailsift.web.security.AuthenticatedUser;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;

/**
 * Live progress as Server-Sent Events ({@code event: progress}), fed by a subscription query on the job read
 * model: the current state first, then one event per change, until the job finishes.
 */
@RestController
@Validated
class JobProgressController {

    private static final Duration STREAM_LIMIT = Duration.ofHours(2);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(3);

    private final QueryGateway queries;

    JobProgressController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/jobs/{jobId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable @Size(max = 64) String jobId,
                        @AuthenticationPrincipal AuthenticatedUser caller) {
        SubscriptionQueryResult<JobView, JobView> subscription = queries.subscriptionQuery(
                new FindJob(caller.userId(), jobId), ResponseTypes.instanceOf(JobView.class),
                ResponseTypes.instanceOf(JobView.class));
        // One subscription to the updates (they can be consumed once), replaying the latest state to the stream;
        // a job uploaded a moment ago may not be in the read model yet, so its first update is waited for briefly.
        Flux<JobView> states = Flux.concat(subscription.initialResult(), subscription.updates())
                                   .replay(1)
                                   .autoConnect();
        JobView first = states.next().timeout(READ_YOUR_WRITES, Mono.empty()).block();
        if (first == null) {
            subscription.close();
            throw new ResourceNotFoundException("No such job.");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(error -> subscription.close());
        states.takeUntil(job -> job.status().finished())
              .subscribe(job -> send(emitter, job), emitter::completeWithError, emitter::complete);
        return emitter;
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
