package dev.mailsift.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.ApiClient.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trial credits on the embedded default: granted once, when the address is confirmed, and recorded as such. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedSignUpCreditsTest {

    static final long TRIAL_CREDITS = 25;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    ApiClient api;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-sign-up-credits-"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.billing.sign-up-credits", () -> Long.toString(TRIAL_CREDITS));
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aConfirmedAccountGetsTheTrialCreditsOnceAsASignUpGrant() throws Exception {
        String email = AccountSliceContract.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        assertThat(account(user).get("credits_available").asLong()).isZero();

        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        Map<String, String> confirmation = Map.of("email", email, "code", code);
        assertThat(api.post("/api/v1/auth/confirm-email", null, confirmation).status()).isEqualTo(200);
        assertThat(awaitCredits(user, TRIAL_CREDITS)).isEqualTo(TRIAL_CREDITS);
        // the same code again confirms nothing new, so grants nothing new
        assertThat(api.post("/api/v1/auth/confirm-email", null, confirmation).status()).isEqualTo(200);

        EventLedger ledger = new EventLedger(dataSource);
        List<JsonNode> grants = ledger.events(user.userId(), "CreditsGranted");
        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(grant.get("amount").asLong()).isEqualTo(TRIAL_CREDITS);
            assertThat(grant.get("source").asText()).isEqualTo("sign_up");
            assertThat(grant.get("grantId").asText()).isEqualTo("sign-up/" + user.userId());
        });
        assertThat(account(user).get("credits_available").asLong()).isEqualTo(TRIAL_CREDITS);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(TRIAL_CREDITS);
    }

    @Test
    void anOperatorsGrantIsRecordedAsTheOperatorsAndAnUnconfirmedAccountGetsNoTrial() {
        Session user = api.signUp(AccountSliceContract.uniqueEmail(), "correct horse battery");
        String admin = api.signIn(AccountSliceContract.ADMIN_EMAIL, AccountSliceContract.ADMIN_PASSWORD);
        assertThat(api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin,
                Map.of("amount", 7, "reason", "goodwill")).status()).isEqualTo(200);

        List<JsonNode> grants = new EventLedger(dataSource).events(user.userId(), "CreditsGranted");
        assertThat(grants).singleElement()
                          .satisfies(grant -> assertThat(grant.get("source").asText()).isEqualTo("operator"));
    }

    private JsonNode account(Session user) {
        return api.get("/api/v1/account", user.token()).json();
    }

    private long awaitCredits(Session user, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long available = account(user).get("credits_available").asLong();
        while (available != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            available = account(user).get("credits_available").asLong();
        }
        return available;
    }
}
