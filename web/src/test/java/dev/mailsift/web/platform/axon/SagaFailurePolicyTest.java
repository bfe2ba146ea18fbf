package dev.mailsift.web.platform.axon;

import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.SettleReservation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SagaFailurePolicyTest {

    @Test
    void anEventNamesItsJobByItsJobIdOrByTheReservationItSettles() {
        Instant now = Instant.now();
        assertThat(SagaFailurePolicy.jobOf(new JobUploaded("j1", "u1", "a.csv", "k", 1, null, null, now)))
                .isEqualTo("j1");
        assertThat(SagaFailurePolicy.jobOf(new CreditsReserved("u1", "j2", 3, 7, 3, now))).isEqualTo("j2");
        assertThat(SagaFailurePolicy.jobOf("not a record")).isNull();
    }

    @Test
    void aReservationWhoseEventIsDeadLetteredFailsItsJobAndIsReleased() throws Exception {
        List<Object> sent = new ArrayList<>();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> command : List.of(FailJob.class, SettleReservation.class)) {
            bus.subscribe(command.getName(), message -> sent.add(message.getPayload()));
        }
        SagaDeadLetters letters = new SagaDeadLetters(null, Clock.systemUTC()) {
            @Override
            String record(String group, String eventId, String eventType, String jobId, int attempts, Throwable cause) {
                return "letter-1";
            }
        };
        SagaFailurePolicy policy = new SagaFailurePolicy("JobPipelineSagaProcessor", 2, letters,
                DefaultCommandGateway.builder().commandBus(bus).build(), new SimpleMeterRegistry());
        EventMessage<?> reserved = GenericEventMessage.asEventMessage(
                new CreditsReserved("u1", "j1", 3, 7, 3, Instant.now()));
        NullPointerException bug = new NullPointerException("intake is null");

        assertThatThrownBy(() -> policy.onError(bug, reserved, null)).isSameAs(bug);
        assertThat(sent).isEmpty();
        policy.onError(bug, reserved, null);

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOf(FailJob.class).hasFieldOrPropertyWithValue("jobId", "j1");
        assertThat(sent.get(1)).isEqualTo(new SettleReservation("u1", "j1", 0));
    }

    @Test
    void aBusyAggregateOrABrieflyAbsentDatabaseIsTransientAndABugIsNot() {
        assertThat(SagaFailurePolicy.isTransient(new CommandExecutionException("wrapped", new ConcurrencyException(
                "two nodes appended at once")))).isTrue();
        assertThat(SagaFailurePolicy.isTransient(new QueryTimeoutException("slow"))).isTrue();
        assertThat(SagaFailurePolicy.isTransient(new NullPointerException("intake is null"))).isFalse();
        assertThat(SagaFailurePolicy.isTransient(new IllegalStateException("no check list",
                new java.io.FileNotFoundException("gone")))).isFalse();
    }
}
