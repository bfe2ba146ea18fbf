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
        JobView initial = subscription.initialResult().block(Duration.ofSeconds(10));
        if (initial == null) {
            subscription.close();
            throw new ResourceNotFoundException("No such job.");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIMIT.toMillis());
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(error -> subscription.close());
        Flux.concat(Flux.just(initial), subscription.updates())
            .takeUntil(job -> job.status().finished())
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
