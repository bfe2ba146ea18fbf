package dev.mailsift.web.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule's defaults and its jitter; the waits themselves are proven end to end in WebhooksContract. */
class WebhookRetryScheduleTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        WebhookProperties defaults = new WebhookProperties(null, null, null, null, null, null, null, null, null, null,
                null);
        assertThat(defaults.retrySchedule()).containsExactly(Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(10), Duration.ofHours(10));
        assertThat(defaults.jitter()).isEqualTo(0.1);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.secretOverlap()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.disableAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(defaults.allowedPrivateNetworks()).isEmpty();
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void eachWaitIsSpreadWithinItsJitterAndNeverTheSameForAll() {
        Duration wait = Duration.ofMinutes(30);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Duration jittered = WebhookSender.jittered(wait, 0.1);
            assertThat(jittered).isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
            seen.add(jittered);
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(seen.stream().anyMatch(d -> d.compareTo(wait) < 0)).isTrue();
        assertThat(seen.stream().anyMatch(d -> d.compareTo(wait) > 0)).isTrue();
        // the first attempt is not delayed, and no jitter means the schedule as written
        assertThat(WebhookSender.jittered(Duration.ZERO, 0.1)).isZero();
        assertThat(List.of(WebhookSender.jittered(wait, 0), WebhookSender.jittered(wait, 0))).containsOnly(wait);
    }
}
