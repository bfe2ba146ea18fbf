package dev.mailsift.web.platform.security;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits against the real PostgreSQL, where the buckets are shared rows every node draws on. */
@Tag("real-services")
// Closed after the class: its context must not stay a competing consumer of the shared chunk queue while the
// pipeline's real-services test runs in the same JVM.
@DirtiesContext
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitRateLimitTest extends RateLimitContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-limits-real-");
        RateLimitContract.register(registry);
    }

    @Test
    @Order(4)
    void theBucketsLiveInPostgresql() {
        for (String kind : new String[]{"sign-in:%", "sign-in-all:%", "code-request:%"}) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_bucket WHERE id LIKE ?", Long.class, kind))
                    .as(kind).isPositive();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_bucket WHERE id = 'address:127.0.0.1'",
                Long.class)).isEqualTo(1);
    }
}
