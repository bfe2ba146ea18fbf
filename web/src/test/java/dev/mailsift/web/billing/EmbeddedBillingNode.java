package dev.mailsift.web.billing;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * A billing test class against one node on the embedded default, paying through the class's own Stripe stand-in;
 * the class's {@code @DynamicPropertySource} sets the node up with {@link BillingTestClient#registerEmbedded}.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EmbeddedBillingNode {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    BillingTestClient billing;

    private final StripeStandIn stripe;

    EmbeddedBillingNode(StripeStandIn stripe) {
        this.stripe = stripe;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        billing = new BillingTestClient(api, jdbc, stripe);
    }
}
