package dev.mailsift.command.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FairWorkQueueTest {

    @Test
    void oneOwnersBacklogHoldsOneThreadAndTheNextOwnerStartsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        try (FairWorkQueue queue = new FairWorkQueue(2, "fair-test-")) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                queue.execute("hoarder", () -> {
                    started.add("hoarder-" + n);
                    waitFor(release);
                });
            }
            CountDownLatch otherRan = new CountDownLatch(1);
            queue.execute("someone-else", () -> {
                started.add("someone-else");
                otherRan.countDown();
            });

            assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
            // both run at once on the two threads, in either order; the hoarder's other nine wait
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> started.size() >= 2);
            assertThat(started).containsExactlyInAnyOrder("hoarder-0", "someone-else");
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> started.size() == 11);
            assertThat(started.subList(2, 11)).containsExactly("hoarder-1", "hoarder-2", "hoarder-3", "hoarder-4",
                    "hoarder-5", "hoarder-6", "hoarder-7", "hoarder-8", "hoarder-9");
        }
    }

    @Test
    void ownersWithWorkWaitingAreServedInTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        try (FairWorkQueue queue = new FairWorkQueue(1, "fair-test-")) {
            queue.execute("blocker", () -> waitFor(release));
            for (String task : List.of("a1", "a2", "a3", "b1", "b2", "c1")) {
                queue.execute(task.substring(0, 1), () -> order.add(task));
            }
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> order.size() == 6);
        }
        assertThat(order).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
    }

    @Test
    void aClosedQueueTakesNoMoreWork() {
        FairWorkQueue queue = new FairWorkQueue(1, "fair-test-");
        queue.close();
        assertThatThrownBy(() -> queue.execute("anyone", () -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
