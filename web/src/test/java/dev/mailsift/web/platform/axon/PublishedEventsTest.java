package dev.mailsift.web.platform.axon;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedEventsTest {

    @Test
    void rowVerdictsStayInsideAndEverythingElseGoesOut() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        List<Object> published = new ArrayList<>();
        new PublishedEvents(bus).subscribe(batch -> batch.forEach(event -> published.add(event.getPayload())));

        RowVerdict verdict = new RowVerdict(0, "ada@example.com", "deliverable", "accepted", true, "ada@example.com",
                null, false, false, false, false, false, false, "mx.example.com", null);
        ChunkValidated chunk = new ChunkValidated("j1", "u1", 0, 1, new VerdictCounts(1, 0, 0, 0),
                Map.of("accepted", 1L), 1, Instant.EPOCH);
        List<EventMessage<?>> batch = List.of(
                GenericEventMessage.asEventMessage(new RowValidated("j1", 0, verdict, Instant.EPOCH)),
                GenericEventMessage.asEventMessage(chunk));
        bus.publish(batch);
        bus.publish(GenericEventMessage.asEventMessage(new RowValidated("j1", 0, verdict, Instant.EPOCH)));

        assertThat(published).containsExactly(chunk);
    }
}
