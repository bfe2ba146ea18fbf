package dev.mailsift.web.platform.axon;

import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.user.CreditsReserved;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aBusyAggregateOrABrieflyAbsentDatabaseIsTransientAndABugIsNot() {
        assertThat(SagaFailurePolicy.isTransient(new CommandExecutionException("wrapped", new ConcurrencyException(
                "two nodes appended at once")))).isTrue();
        assertThat(SagaFailurePolicy.isTransient(new QueryTimeoutException("slow"))).isTrue();
        assertThat(SagaFailurePolicy.isTransient(new NullPointerException("intake is null"))).isFalse();
        assertThat(SagaFailurePolicy.isTransient(new IllegalStateException("no check list",
                new java.io.FileNotFoundException("gone")))).isFalse();
    }
}
