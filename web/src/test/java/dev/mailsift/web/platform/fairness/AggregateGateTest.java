package dev.mailsift.web.platform.fairness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateGateTest {

    private final AggregateGate gate = new AggregateGate(Duration.ofMillis(200));

    @Test
    void aSecondCommandOnTheSameAggregateWaitsForTheFirstAndGivesUpAfterTheWait() throws Exception {
        try (AggregateGate.Turn first = gate.enter("u1")) {
            long started = System.nanoTime();
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> gate.enter("u1").close());
            assertThatThrownBy(second::join).hasCauseInstanceOf(AggregateBusyException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
        }
        assertThat(gate.busyAggregates()).isZero();
    }

    @Test
    void aWaitingCommandGetsItsTurnWhenTheFirstEnds() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AggregateGate.Turn first = gate.enter("u1");
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (AggregateGate.Turn turn = gate.enter("u1")) {
                entered.countDown();
            }
        });
        Thread.sleep(50);
        assertThat(entered.getCount()).isOne();
        first.close();
        second.get(1, TimeUnit.SECONDS);
        assertThat(gate.busyAggregates()).isZero();
    }

    @Test
    void otherAggregatesDoNotWaitAndTheSameThreadMayEnterAgain() throws Exception {
        try (AggregateGate.Turn first = gate.enter("u1");
             AggregateGate.Turn nested = gate.enter("u1")) {
            CompletableFuture.runAsync(() -> gate.enter("u2").close()).get(1, TimeUnit.SECONDS);
            assertThat(gate.busyAggregates()).isEqualTo(1);
        }
        assertThat(gate.busyAggregates()).isZero();
    }
}
