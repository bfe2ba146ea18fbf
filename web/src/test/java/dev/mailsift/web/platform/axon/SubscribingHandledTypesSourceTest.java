package dev.mailsift.web.platform.axon;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Against Axon's own subscribing processor and embedded event store (in-memory storage). */
class SubscribingHandledTypesSourceTest {

    record RowDone(int row) {
    }

    interface Finished {
    }

    record ChunkDone(int chunk) implements Finished {
    }

    record JobDone(String job) {
    }

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final List<SubscribingEventProcessor> processors = new ArrayList<>();
    private final SubscribingHandledTypesSource source =
            new SubscribingHandledTypesSource(eventStore, () -> List.copyOf(processors));

    @AfterEach
    void stop() {
        processors.forEach(SubscribingEventProcessor::shutDown);
        eventStore.shutDown();
    }

    @Test
    void aProcessorIsHandedOnlyTheTypesSomeSubscribingProcessorHandlesAndStillHandlesEachOfThem() {
        List<Object> chunks = new CopyOnWriteArrayList<>();
        List<Object> jobs = new CopyOnWriteArrayList<>();
        List<Object> chunksHandedOut = start("chunks", source, new Object() {
            @EventHandler
            void on(ChunkDone chunk) {
                chunks.add(chunk);
            }
        });
        List<Object> jobsHandedOut = start("jobs", source, new Object() {
            @EventHandler
            void on(JobDone job) {
                jobs.add(job);
            }
        });

        publishChunk(0);
        eventStore.publish(GenericEventMessage.asEventMessage(new JobDone("j")));
        publishChunk(1);

        assertThat(chunks).containsExactly(new ChunkDone(0), new ChunkDone(1));
        assertThat(jobs).containsExactly(new JobDone("j"));
        // each is handed the types either handles (and ignores the other's, as before); no row reaches either
        assertThat(chunksHandedOut).containsExactly(new ChunkDone(0), new JobDone("j"), new ChunkDone(1));
        assertThat(jobsHandedOut).containsExactly(new ChunkDone(0), new JobDone("j"), new ChunkDone(1));
    }

    @Test
    void aHandlerOfEveryEventKeepsEveryTypeComing() {
        List<Object> handled = new CopyOnWriteArrayList<>();
        start("audit", source, new Object() {
            @EventHandler
            void on(EventMessage<?> event) {
                handled.add(event.getPayload());
            }
        });

        publishChunk(0);

        assertThat(handled).hasSize(4).containsSubsequence(new RowDone(0), new ChunkDone(0));
    }

    @Test
    void aHandlerOfAnInterfaceKeepsItsImplementationsComing() {
        List<Object> finished = new CopyOnWriteArrayList<>();
        List<Object> handedOut = start("finished", source, new Object() {
            @EventHandler
            void on(Finished event) {
                finished.add(event);
            }
        });

        publishChunk(0);

        assertThat(finished).containsExactly(new ChunkDone(0));
        assertThat(handedOut).containsExactly(new ChunkDone(0));
    }

    @Test
    void aProcessorOnAnotherSourceDoesNotCountAsAReader() {
        List<Object> chunks = new CopyOnWriteArrayList<>();
        start("chunks", source, new Object() {
            @EventHandler
            void on(ChunkDone chunk) {
                chunks.add(chunk);
            }
        });
        SubscribableMessageSource<EventMessage<?>> dormant = processor -> () -> true;
        start("dormant", dormant, new Object() {
            @EventHandler
            void on(RowDone row) {
            }
        });
        List<Object> rowsAtAll = new CopyOnWriteArrayList<>();
        source.subscribe(events -> events.forEach(event -> rowsAtAll.add(event.getPayload())));

        publishChunk(0);

        assertThat(chunks).containsExactly(new ChunkDone(0));
        assertThat(rowsAtAll).containsExactly(new ChunkDone(0));
    }

    private void publishChunk(int chunk) {
        for (int row = 0; row < 3; row++) {
            eventStore.publish(GenericEventMessage.asEventMessage(new RowDone(chunk * 3 + row)));
        }
        eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(chunk)));
    }

    /** Starts a subscribing processor; the list it returns fills with the payloads the processor is handed. */
    private List<Object> start(String name, SubscribableMessageSource<EventMessage<?>> from, Object handler) {
        List<Object> handedOut = new CopyOnWriteArrayList<>();
        MessageMonitor<EventMessage<?>> ingested = message -> {
            handedOut.add(message.getPayload());
            return NoOpMessageMonitorCallback.INSTANCE;
        };
        SubscribingEventProcessor processor =
                SubscribingEventProcessor.builder()
                                         .name(name)
                                         .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                                                                                       .eventHandlers(handler)
                                                                                       .build())
                                         .messageSource(from)
                                         .messageMonitor(ingested)
                                         .build();
        processors.add(processor);
        processor.start();
        return handedOut;
    }
}
