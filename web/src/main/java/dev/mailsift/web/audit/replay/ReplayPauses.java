package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.node.NodeIdentity;
import dev.mailsift.web.platform.node.NodeRoles;
import dev.mailsift.web.platform.scheduling.PeriodicTask;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * This node's part in another node's replay: while a replay of a streaming processor is open elsewhere, this node
 * stops its own instance of that processor, which releases the segments it holds, so that the replaying node can
 * reset every segment's token; once the replay is no longer open, it starts it again, and it processes again the
 * segments it can claim (those the replaying node does not hold, or lets go of). Runs on nodes with the
 * {@code projections} role, polling {@link ReplayRequests}.
 */
@Component
class ReplayPauses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayPauses.class);

    private final ReplayRequests requests;
    private final EventProcessingConfiguration processing;
    private final NodeIdentity node;
    private final NodeRoles roles;
    private final Duration pollInterval;
    private final Duration expiry;
    /** Processors this node stopped for another node's replay; touched only while holding {@link #turn}. */
    private final Set<String> paused = new HashSet<>();
    private final ReentrantLock turn = new ReentrantLock();
    private final PeriodicTask poller = new PeriodicTask("replay-pauses", this::poll);

    ReplayPauses(ReplayRequests requests, EventProcessingConfiguration processing, NodeIdentity node,
                 NodeRoles roles,
                 @Value("${mailsift.audit.replay.poll-interval:PT1S}") Duration pollInterval,
                 @Value("${mailsift.audit.replay.release-timeout:PT30S}") Duration releaseTimeout) {
        this.requests = requests;
        this.processing = processing;
        this.node = node;
        this.roles = roles;
        this.pollInterval = pollInterval;
        this.expiry = openFor(releaseTimeout);
    }

    /** How long a request counts as open: the replaying node gives up after the release timeout, and then some. */
    static Duration openFor(Duration releaseTimeout) {
        return releaseTimeout.multipliedBy(2);
    }

    /** Runs this node's own replay with the poller held off, so that it never starts what the replay stopped. */
    <T> T exclusively(java.util.function.Supplier<T> replay) {
        turn.lock();
        try {
            return replay.get();
        } finally {
            turn.unlock();
        }
    }

    /**
     * Forgets a pause of {@code processor} for another node's replay, once this node's own replay of it is under way
     * (called within {@link #exclusively}): that replay starts the processor again itself.
     */
    void forget(String processor) {
        paused.remove(processor);
    }

    void poll() {
        turn.lock();
        try {
            pollInTurn();
        } finally {
            turn.unlock();
        }
    }

    private void pollInTurn() {
        Map<String, ReplayRequests.ReplayRequest> open = requests.all().stream()
                .filter(request -> request.open(expiry) && !request.node().equals(node.name()))
                .collect(Collectors.toMap(ReplayRequests.ReplayRequest::processor, Function.identity()));
        paused.removeIf(name -> {
            if (open.containsKey(name)) {
                return false;
            }
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(processor -> {
                processor.start();
                log.info("Event processor {} started again: the replay asked for on another node is over", name);
            });
            return true;
        });
        open.values().forEach(request -> {
            if (paused.contains(request.processor())) {
                return;
            }
            processing.eventProcessor(request.processor(), StreamingEventProcessor.class)
                      .filter(StreamingEventProcessor::isRunning)
                      .ifPresent(processor -> {
                          processor.shutDown();
                          paused.add(request.processor());
                          log.info("Event processor {} stopped, its segments released, for the replay node {} asked "
                                  + "for", request.processor(), request.node());
                      });
        });
    }

    @Override
    public void start() {
        if (roles.projections()) {
            poller.start(pollInterval);
        }
    }

    @Override
    public void stop() {
        poller.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return poller.running();
    }
}
