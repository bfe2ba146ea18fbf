package dev.mailsift.web.platform.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicTaskTest {

    @Test
    void aRunAskedForAfterADelayComesOnceThenAndNotBeforeAndNoneIsScheduledWhenStopped() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("periodic-task-test", runs::incrementAndGet);
        assertThat(task.runAfter(Duration.ZERO)).isFalse(); // not started: no thread to run it
        task.start(Duration.ofHours(1));
        try {
            assertThat(task.runAfter(Duration.ofMillis(300))).isTrue();
            Thread.sleep(100);
            assertThat(runs).hasValue(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
            Thread.sleep(400);
            assertThat(runs).hasValue(1);
        } finally {
            task.stop(Duration.ofSeconds(1));
        }
        assertThat(task.runAfter(Duration.ZERO)).isFalse();
    }
}
