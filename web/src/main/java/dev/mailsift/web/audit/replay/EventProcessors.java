package dev.mailsift.web.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.node.NodeIdentity;
import dev.mailsift.web.platform.problem.ConflictException;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every event processor's standing, and the replay of a read model's processor. */
@Component
class EventProcessors {

    private static final Logger log = LoggerFactory.getLogger(EventProcessors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration RELEASE_POLL = Duration.ofMillis(200);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final SubscribingRebuild subscribingRebuild;
    private final ReplayRequests requests;
    private final ReplayPauses pauses;
    private final NodeIdentity node;
    private final Clock clock;
    private final Duration releaseTimeout;

    EventProcessors(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                    SubscribingRebuild subscribingRebuild, ReplayRequests requests, ReplayPauses pauses,
                    NodeIdentity node, Clock clock,
                    @Value("${mailsift.audit.replay.release-timeout:PT30S}") Duration releaseTimeout) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.subscribingRebuild = subscribingRebuild;
        this.requests = requests;
        this.pauses = pauses;
        this.node = node;
        this.clock = clock;
        this.releaseTimeout = releaseTimeout;
    }

    ProcessorStatus.Overview overview() {
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry", Long.class);
        Map<String, List<ProcessorStatus.SegmentStatus>> tokens = tokens();
        Map<String, EventProcessor> processors = new TreeMap<>(processing.eventProcessors());
        tokens.keySet().forEach(name -> processors.putIfAbsent(name, null));
        List<ProcessorStatus> statuses = new ArrayList<>();
        processors.forEach((name, processor) -> {
            List<ProcessorStatus.SegmentStatus> segments = tokens.get(name);
            Long position = segments == null ? null : segments.stream()
                    .map(ProcessorStatus.SegmentStatus::position)
                    .map(p -> p == null ? -1L : p).min(Long::compare).orElse(null);
            boolean replaying = segments != null && segments.stream().anyMatch(ProcessorStatus.SegmentStatus::replaying);
            statuses.add(new ProcessorStatus(name, kind(processor), processor != null && processor.isRunning(),
                    replaying, ReadModelProcessors.replayable(name), position,
                    position == null ? null : Math.max(0, head - position), segments));
        });
        return new ProcessorStatus.Overview(head, statuses);
    }

    /**
     * Empties the read model (the processor's reset handlers) and rebuilds it from the first event. Its handlers
     * build tables only, so nothing but those tables changes while it catches up. A streaming processor catches up on
     * its own after this returns; a subscribing one's model is rebuilt before it returns.
     *
     * @return whether the read model is still being rebuilt (a streaming processor catching up)
     */
    boolean replay(String name, String operator) {
        if (!processing.eventProcessors().containsKey(name)) {
            throw new ResourceNotFoundException("No event processor is named " + name + ".");
        }
        if (!ReadModelProcessors.replayable(name)) {
            throw new ConflictException(name + " acts on what it reads (mail, credits, webhooks or the pipeline): "
                    + "replaying it would do that again. Replayable: " + String.join(", ",
                    new TreeSet<>(ReadModelProcessors.REPLAYABLE)) + ".");
        }
        var subscribing = ReadModelProcessors.subscribing(name);
        if (subscribing.isPresent()) {
            long started = System.nanoTime();
            long handled = subscribingRebuild.rebuild(subscribing.get());
            log.info("Read model of {} rebuilt by {} from the event store: {} events handled in {} ms", name,
                    operator, handled, (System.nanoTime() - started) / 1_000_000);
            return false;
        }
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new ConflictException("This node does not run the projections; ask a node with "
                        + "the projections role."));
        pauses.exclusively(() -> {
            long generation = requests.open(name, node.name(), operator, ReplayPauses.openFor(releaseTimeout));
            pauses.forget(name);
            ReplayRequests.State outcome = ReplayRequests.State.ABANDONED;
            try {
                processor.shutDown();
                resetOnceReleased(processor, name);
                outcome = ReplayRequests.State.DONE;
            } finally {
                try {
                    requests.finish(name, generation, outcome);
                } finally {
                    processor.start();
                }
            }
            return outcome;
        });
        log.info("Event processor {} reset by {}: its read model is being rebuilt from the first event", name,
                operator);
        return true;
    }

    /**
     * Resets every segment's token, which needs every segment's claim: the other nodes release theirs once they see
     * the open request ({@link ReplayPauses}), and a node that died loses its claims after the token store's claim
     * timeout. Nothing is emptied until every claim is held.
     */
    private void resetOnceReleased(StreamingEventProcessor processor, String name) {
        Instant giveUp = clock.instant().plus(releaseTimeout);
        while (true) {
            try {
                processor.resetTokens();
                return;
            } catch (UnableToClaimTokenException claimedElsewhere) {
                if (!clock.instant().isBefore(giveUp)) {
                    throw new ConflictException("Another node kept segments of " + name + " for "
                            + releaseTimeout.toSeconds() + " s: the replay changed nothing. Ask again, or stop that "
                            + "node's " + name + " processor first.");
                }
                sleep(RELEASE_POLL);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ConflictException("The replay was interrupted before the other nodes released their segments.");
        }
    }

    private static String kind(EventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled_streaming";
        }
        if (processor instanceof StreamingEventProcessor) {
            return "tracking";
        }
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor == null ? "not_on_this_node" : "other";
    }

    /** The token store's segments per processor: read as stored, so segments held by other nodes show too. */
    private Map<String, List<ProcessorStatus.SegmentStatus>> tokens() {
        Map<String, List<ProcessorStatus.SegmentStatus>> tokens = new TreeMap<>();
        jdbc.query("SELECT processorname, segment, owner, token FROM tokenentry ORDER BY processorname, segment",
                row -> {
                    JsonNode token = parse(row.getBytes(4));
                    JsonNode current = token.has("currentToken") ? token.get("currentToken") : token;
                    Long position = current != null && current.has("index") ? current.get("index").asLong() : null;
                    // Axon keeps a replay token until an event past the reset position arrives: replaying means
                    // not back at the reset position yet
                    JsonNode reset = token.get("tokenAtReset");
                    boolean replaying = reset != null && reset.has("index")
                            && (position == null || position < reset.get("index").asLong());
                    tokens.computeIfAbsent(row.getString(1), name -> new ArrayList<>())
                          .add(new ProcessorStatus.SegmentStatus(row.getInt(2), row.getString(3), position,
                                  replaying));
                });
        return tokens;
    }

    private static JsonNode parse(byte[] token) {
        if (token == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(token);
        } catch (IOException unreadable) {
            return JSON.createObjectNode();
        }
    }
}
