package dev.mailsift.query.jobs;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders the {@code jobs} projection per job rather than per aggregate: a job's events come from its BatchJob and
 * from each of its ValidationChunks, and the view must see every chunk's verdicts before the job's completion.
 * Events without a {@code jobId} fall back to per-aggregate ordering.
 */
@Component("jobSequencingPolicy")
public class JobSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final Map<Class<?>, Optional<RecordComponent>> jobIdComponents = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Optional<RecordComponent> jobId = jobIdComponents.computeIfAbsent(event.getPayloadType(),
                JobSequencingPolicy::jobIdOf);
        if (jobId.isPresent()) {
            try {
                return jobId.get().getAccessor().invoke(payload);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read jobId of " + event.getPayloadType().getName(), e);
            }
        }
        return event instanceof DomainEventMessage<?> domainEvent
                ? domainEvent.getAggregateIdentifier()
                : event.getIdentifier();
    }

    private static Optional<RecordComponent> jobIdOf(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("jobId") && component.getType() == String.class) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }
}
