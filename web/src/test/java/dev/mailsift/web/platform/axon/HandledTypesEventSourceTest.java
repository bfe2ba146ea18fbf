package dev.mailsift.web.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Against Axon's own embedded event store and pooled processor (in-memory storage). */
class HandledTypesEventSourceTest {

    record RowDone(int row) {
    }

    record ChunkDone(int chunk) {
    }

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventArrivals arrivals = new EventArrivals(eventStore, Duration.ofMillis(500));
    private final HandledTypesEventSource source = new HandledTypesEventSource(eventStore, arrivals);
    private PooledStreamingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        arrivals.close();
        eventStore.shutDown();
    }

    @Test
    void aStreamToldToSkipATypeNoLongerHandsOutThatTypeButEverythingElseInOrder() throws Exception {
        publishChunks(3, 4); // chunk 0: rows 0-3, chunk 1: rows 4-7, ...
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            TrackedEventMessage<?> firstRow = stream.nextAvailable();
            assertThat(firstRow.getPayload()).isEqualTo(new RowDone(0));
            stream.skipMessagesWithPayloadTypeOf(firstRow);

            assertThat(stream.peek().map(message -> (Object) message.getPayload())).contains(new ChunkDone(0));
            List<Object> rest = IntStream.range(0, 3).mapToObj(n -> (Object) next(stream).getPayload()).toList();
            assertThat(rest).containsExactly(new ChunkDone(0), new ChunkDone(1), new ChunkDone(2));
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(stream.peek()).isEmpty();

            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(99)));
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(new ChunkDone(99));
        }
    }

    @Test
    void theLastOfARunOfSkippedEventsIsHandedOutWhenNothingFollowsItSoThatTheTokenReachesTheHead() throws Exception {
        publishChunks(1, 2);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            stream.skipMessagesWithPayloadTypeOf(next(stream));
            assertThat(next(stream).getPayload()).isEqualTo(new ChunkDone(0));

            for (int row = 10; row < 15; row++) {
                eventStore.publish(GenericEventMessage.asEventMessage(new RowDone(row)));
            }
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.peek().map(message -> (Object) message.getPayload())).contains(new RowDone(14));
            assertThat(next(stream).getPayload()).isEqualTo(new RowDone(14));
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    /** A saga that takes chunks only. */
    static class ChunkSaga {
        @SagaEventHandler(associationProperty = "chunk")
        void on(ChunkDone chunk) {
        }
    }

    @Test
    void aSagasSourceSkipsFromTheStartEveryTypeItsHandlersDoNotTake() throws Exception {
        publishChunks(2, 3);
        HandledTypesEventSource sagaSource =
                new HandledTypesEventSource(eventStore, arrivals, HandledTypesEventSource.handledBySaga(ChunkSaga.class));
        try (BlockingStream<TrackedEventMessage<?>> stream = sagaSource.openStream(null)) {
            assertThat(next(stream).getPayload()).isEqualTo(new ChunkDone(0));
            assertThat(next(stream).getPayload()).isEqualTo(new ChunkDone(1));
            assertThat(stream.hasNextAvailable()).isFalse();
        }
    }

    @Test
    void aProcessorThatHandlesOnlyChunksIsHandedAlmostNoRowsGetsEveryChunkAndItsTokenCoversTheSkippedRows() {
        List<ChunkDone> handled = new CopyOnWriteArrayList<>();
        AtomicInteger rowsHandedOut = new AtomicInteger();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        processor = chunkProcessor(handled, new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                return countingRows(source.openStream(token), rowsHandedOut);
            }

            @Override
            public TrackingToken createTailToken() {
                return source.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return source.createHeadToken();
            }
        }, tokens, 2).build();
        publishChunks(40, 500);
        for (int row = 0; row < 250; row++) { // rows after the last chunk: the token must still reach them
            eventStore.publish(GenericEventMessage.asEventMessage(new RowDone(100_000 + row)));
        }
        processor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 40);
        assertThat(handled).extracting(ChunkDone::chunk).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 40).boxed().toList());
        // the first row reaches the coordinator, which finds no taker and tells the stream to skip the type; after
        // that, a row only when the stream pauses on one
        assertThat(rowsHandedOut.get()).isLessThan(100);
        long lastPosition = 40L * 501 + 250 - 1;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int segment : tokens.fetchSegments("chunks")) {
                TrackingToken token = tokens.fetchToken("chunks", segment);
                assertThat(token.position()).hasValue(lastPosition);
            }
        });
    }

    @Test
    void aStreamCallsItsProcessorBackOnlyOnceTheUnitOfWorkThatAppendedCommitsAndThenHasTheEventsAtHand()
            throws Exception {
        try (EventArrivals commitsOnly = new EventArrivals(eventStore, Duration.ofHours(1));
             BlockingStream<TrackedEventMessage<?>> stream =
                     new HandledTypesEventSource(eventStore, commitsOnly).openStream(null)) {
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(6)));
            assertThat(next(stream).getPayload()).isEqualTo(new ChunkDone(6)); // the stream has caught up
            AtomicInteger callbacks = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(callbacks::incrementAndGet)).isTrue();

            UnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(null);
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(7)));
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(8)));
            AtomicInteger callbacksWhileCommitting = new AtomicInteger(-1);
            appending.onCommit(unitOfWork -> callbacksWhileCommitting.set(callbacks.get()));
            appending.commit();

            assertThat(callbacksWhileCommitting).hasValue(0); // not before the database commit
            assertThat(callbacks.get()).isPositive();
            // a look right after the commit waits for the store to read it, instead of finding nothing
            assertThat(stream.hasNextAvailable()).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(new ChunkDone(7));
            // one call at the commit (for the unit of work, not per event), one second look shortly after
            await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.get() == 2);

            UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(9)));
            failing.onPrepareCommit(unitOfWork -> {
                throw new IllegalStateException("the append fails after the subscribers were told");
            });
            assertThatThrownBy(failing::commit).isInstanceOf(IllegalStateException.class);
            Thread.sleep(EventArrivals.SECOND_LOOK.toMillis() * 2);
            assertThat(callbacks).hasValue(2); // none for the rolled-back unit of work
        }
    }

    @Test
    void aStreamIsCalledBackEveryIntervalForEventsOtherNodesCommitAndNotAfterItCloses() throws Exception {
        try (EventArrivals polling = new EventArrivals(eventStore, Duration.ofMillis(20))) {
            AtomicInteger callbacks = new AtomicInteger();
            BlockingStream<TrackedEventMessage<?>> stream =
                    new HandledTypesEventSource(eventStore, polling).openStream(null);
            stream.setOnAvailableCallback(callbacks::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.get() >= 3);

            stream.close();
            int atClose = callbacks.get();
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(1)));
            Thread.sleep(200);
            assertThat(callbacks.get()).isLessThanOrEqualTo(atClose + 1); // one call may have been under way
        }
    }

    @Test
    void aStreamOpenedAfterTheArrivalsClosedIsNeverCalledBack() throws Exception {
        EventArrivals closed = new EventArrivals(eventStore, Duration.ofMillis(20));
        closed.close();
        AtomicInteger callbacks = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> stream = new HandledTypesEventSource(eventStore, closed).openStream(null);
        stream.setOnAvailableCallback(callbacks::incrementAndGet);

        Thread.sleep(200); // ten intervals
        assertThat(callbacks).hasValue(0);
        stream.close();
    }

    @Test
    void aPooledProcessorThatWouldOtherwiseLookAgainInAMinuteHandlesAnEventCommittedWhileItIdlesWithinSeconds()
            throws Exception {
        List<ChunkDone> handled = new CopyOnWriteArrayList<>();
        try (EventArrivals commitsOnly = new EventArrivals(eventStore, Duration.ofHours(1))) {
            HandledTypesEventSource commitsOnlySource = new HandledTypesEventSource(eventStore, commitsOnly);
            processor = chunkProcessor(handled, commitsOnlySource, new InMemoryTokenStore(), 1)
                    .tokenClaimInterval(60_000)
                    .claimExtensionThreshold(60_000)
                    .build();
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(0)));
            processor.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);

            for (int chunk = 1; chunk <= 3; chunk++) {
                Thread.sleep(300); // the processor has found nothing more and idles
                UnitOfWork<?> appending = DefaultUnitOfWork.startAndGet(null);
                eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(chunk)));
                appending.commit();
                int expected = chunk + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == expected);
            }
            assertThat(handled).extracting(ChunkDone::chunk).containsExactly(0, 1, 2, 3);
        }
    }

    /** A pooled processor with {@code segments} segments that adds every {@link ChunkDone} it reads to {@code handled}. */
    private static PooledStreamingEventProcessor.Builder chunkProcessor(
            List<ChunkDone> handled, StreamableMessageSource<TrackedEventMessage<?>> from, TokenStore tokens,
            int segments) {
        return PooledStreamingEventProcessor.builder()
                .name("chunks")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Object() {
                    @EventHandler
                    void on(ChunkDone chunk) {
                        handled.add(chunk);
                    }
                }).build())
                .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                .errorHandler(org.axonframework.eventhandling.PropagatingErrorHandler.instance())
                .messageSource(from)
                .initialToken(StreamableMessageSource::createTailToken)
                .tokenStore(tokens)
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.instance())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory()))
                .workerExecutor(Executors.newScheduledThreadPool(segments, Thread.ofPlatform().daemon().factory()))
                .initialSegmentCount(segments);
    }

    private void publishChunks(int chunks, int rowsPerChunk) {
        for (int chunk = 0; chunk < chunks; chunk++) {
            for (int row = 0; row < rowsPerChunk; row++) {
                eventStore.publish(GenericEventMessage.asEventMessage(new RowDone(chunk * rowsPerChunk + row)));
            }
            eventStore.publish(GenericEventMessage.asEventMessage(new ChunkDone(chunk)));
        }
    }

    /** The stream as the processor sees it, counting the rows it hands over. */
    private static BlockingStream<TrackedEventMessage<?>> countingRows(BlockingStream<TrackedEventMessage<?>> stream,
                                                                       AtomicInteger rows) {
        return new BlockingStream<>() {
            @Override
            public Optional<TrackedEventMessage<?>> peek() {
                return stream.peek();
            }

            @Override
            public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                return stream.hasNextAvailable(timeout, unit);
            }

            @Override
            public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                TrackedEventMessage<?> next = stream.nextAvailable();
                if (next.getPayload() instanceof RowDone) {
                    rows.incrementAndGet();
                }
                return next;
            }

            @Override
            public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
                stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }

            @Override
            public boolean setOnAvailableCallback(Runnable callback) {
                return stream.setOnAvailableCallback(callback);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    private static TrackedEventMessage<?> next(BlockingStream<TrackedEventMessage<?>> stream) {
        try {
            return stream.nextAvailable();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
