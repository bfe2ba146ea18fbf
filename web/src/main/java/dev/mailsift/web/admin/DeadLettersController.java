package dev.mailsift.web.admin;

import dev.mailsift.web.platform.axon.SagaDeadLetters;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.problem.ConflictException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Operators see the events that event processing gave up on and retry those that can be (ADMIN only, enforced by
 * the security configuration). Two kinds of letter: the projections' (Axon's dead-letter queue, per sequence: one
 * job's or account's events wait while every other one moves on; retrying hands them to the handler again), and
 * the pipeline saga's (its job was failed and its credits released, so there is nothing to retry: the customer
 * uploads the list again; the letter says what broke).
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLettersController {

    /** Retry at most this many sequences per request, so one call stays short. */
    private static final int MAX_RETRIED_SEQUENCES = 1_000;

    private final EventProcessingConfiguration processing;
    private final SagaDeadLetters sagaLetters;

    DeadLettersController(EventProcessingConfiguration processing, SagaDeadLetters sagaLetters) {
        this.processing = processing;
        this.sagaLetters = sagaLetters;
    }

    @Operation(summary = "List dead letters",
            description = "Operators only. Events that event processing gave up on, with the cause. Projection "
                    + "letters hold up their own job or account and can be retried; the pipeline saga's "
                    + "letters failed their job and released its credits, and cannot.")
    @GetMapping
    DeadLetters list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<Letter> letters = new ArrayList<>();
        for (String group : queuedGroups()) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElseThrow();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letters.size() >= limit) {
                        break;
                    }
                    letters.add(Letter.queued(group, letter));
                }
            }
        }
        sagaLetters.list(Math.max(0, limit - letters.size())).forEach(letter -> letters.add(Letter.saga(letter)));
        return new DeadLetters(letters);
    }

    /** Hands every letter of the group back to its handler; letters that fail again stay queued. */
    @Operation(summary = "Retry dead letters",
            description = "Operators only. Hands a processing group's letters back to their handler; those that"
                    + " fail again stay.")
    @Parameter(name = "processingGroup", in = ParameterIn.PATH,
            description = "The processing group, as the dead-letter list names it.")
    @ProblemResponse(status = 409, type = ProblemType.CONFLICT,
            when = "The pipeline saga's letters are not retried: their job was failed and its credits "
                    + "released.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No such processing group.")
    @PostMapping("/{processingGroup}/retry")
    RetryOutcome retry(@PathVariable String processingGroup) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup);
        if (processor.isEmpty()) {
            if (processing.eventProcessorByProcessingGroup(processingGroup).isPresent()) {
                throw new ConflictException("Letters of " + processingGroup + " are not retried: their job was "
                        + "failed and its credits released; the list is uploaded again.");
            }
            throw new ResourceNotFoundException("No processing group " + processingGroup + ".");
        }
        int retried = 0;
        while (retried < MAX_RETRIED_SEQUENCES && processor.get().processAny()) {
            retried++;
        }
        long remaining = processing.deadLetterQueue(processingGroup).orElseThrow().amountOfSequences();
        return new RetryOutcome(processingGroup, retried, remaining);
    }

    private TreeSet<String> queuedGroups() {
        TreeSet<String> groups = new TreeSet<>();
        processing.eventProcessors().keySet().forEach(name -> {
            if (processing.deadLetterQueue(name).isPresent()) {
                groups.add(name);
            }
        });
        return groups;
    }

    record DeadLetters(List<Letter> letters) {
    }

    /**
     * @param sequence   what the letter holds up: the job or account whose later events wait behind it (projections)
     * @param retryable  whether {@code POST /{processing_group}/retry} can hand it back to its handler
     */
    @Schema(name = "DeadLetter") // not the pipeline saga's Letter
    record Letter(String processingGroup, String id, String eventType, String eventId, String sequence,
                  String jobId, Integer attempts, String cause, Instant deadLetteredAt, boolean retryable) {

        static Letter queued(String group, DeadLetter<? extends EventMessage<?>> letter) {
            EventMessage<?> message = letter.message();
            String cause = letter.cause().map(c -> c.type() + ": " + c.message()).orElse("queued behind an earlier letter");
            return new Letter(group, message.getIdentifier(), message.getPayloadType().getName(),
                    message.getIdentifier(), sequenceOf(message), null, null, cause, letter.enqueuedAt(), true);
        }

        static Letter saga(SagaDeadLetters.Letter letter) {
            return new Letter(letter.processingGroup(), letter.id(), letter.eventType(), letter.eventId(),
                    letter.jobId(), letter.jobId(), letter.attempts(),
                    letter.causeType() + (letter.causeMessage() == null ? "" : ": " + letter.causeMessage()),
                    letter.deadLetteredAt(), false);
        }

        private static String sequenceOf(EventMessage<?> message) {
            return message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : null;
        }
    }

    record RetryOutcome(String processingGroup, int sequencesRetried, long sequencesRemaining) {
    }
}
