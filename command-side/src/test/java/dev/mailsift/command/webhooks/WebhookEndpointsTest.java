package dev.mailsift.command.webhooks;

import dev.mailsift.api.webhooks.AddWebhookEndpoint;
import dev.mailsift.api.webhooks.ChangeWebhookEndpoint;
import dev.mailsift.api.webhooks.DisableWebhookEndpoint;
import dev.mailsift.api.webhooks.RemoveWebhookEndpoint;
import dev.mailsift.api.webhooks.RotateWebhookSecret;
import dev.mailsift.api.webhooks.WebhookDisabledReason;
import dev.mailsift.api.webhooks.WebhookEndpointAdded;
import dev.mailsift.api.webhooks.WebhookEndpointChanged;
import dev.mailsift.api.webhooks.WebhookEndpointDisabled;
import dev.mailsift.api.webhooks.WebhookEndpointRemoved;
import dev.mailsift.api.webhooks.WebhookSecretRotated;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

class WebhookEndpointsTest {

    private static final String USER = "u1";
    private static final String ID = WebhookEndpoints.idOf(USER);
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private AggregateTestFixture<WebhookEndpoints> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(WebhookEndpoints.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AddWebhookEndpoint add(String endpointId) {
        return new AddWebhookEndpoint(ID, USER, endpointId, " https://hooks.example.com/in ", " CRM ",
                List.of("job.completed", "job.failed", "job.completed"), "sealed-1");
    }

    private static WebhookEndpointAdded added(String endpointId) {
        return new WebhookEndpointAdded(USER, endpointId, "https://hooks.example.com/in", "CRM",
                List.of("job.completed", "job.failed"), "sealed-1", NOW);
    }

    @Test
    void theFirstEndpointCreatesTheAccountsWebhooksWithTrimmedSettingsAndDistinctTypes() {
        fixture.givenNoPriorActivity()
               .when(add("ep1"))
               .expectEvents(added("ep1"))
               .expectResultMessagePayload("ep1");
    }

    @Test
    void anAccountHasAtMostTenEndpoints() {
        List<Object> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(added("ep" + i));
        }
        fixture.given(ten)
               .when(add("ep10"))
               .expectException(WebhookEndpointLimitException.class)
               .expectNoEvents();
        ten.add(new WebhookEndpointRemoved(USER, "ep3", NOW));
        fixture.given(ten)
               .when(add("ep10"))
               .expectEvents(added("ep10"));
    }

    @Test
    void anUnknownEventTypeOrAnotherAccountsIdentifierIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new AddWebhookEndpoint(ID, USER, "ep1", "https://x.example", null, List.of("job.exploded"),
                       "sealed"))
               .expectException(RejectedCommandException.class);
        fixture();
        fixture.givenNoPriorActivity()
               .when(new AddWebhookEndpoint(WebhookEndpoints.idOf("u2"), USER, "ep1", "https://x.example", null,
                       List.of(), "sealed"))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void aChangeKeepsWhatItDoesNotMentionAndReEnables() {
        fixture.given(added("ep1"), new WebhookEndpointDisabled(USER, "ep1", WebhookDisabledReason.GONE, "410",
                       NOW))
               .when(new ChangeWebhookEndpoint(ID, USER, "ep1", null, "new name", null, true))
               .expectEvents(new WebhookEndpointChanged(USER, "ep1", "https://hooks.example.com/in", "new name",
                       List.of("job.completed", "job.failed"), true, NOW));
    }

    @Test
    void anEndpointTheAccountDoesNotHaveIsUnknownToEveryCommand() {
        fixture.given(added("ep1"))
               .when(new RemoveWebhookEndpoint(ID, USER, "nope"))
               .expectException(UnknownWebhookEndpointException.class);
        fixture.given(added("ep1"), new WebhookEndpointRemoved(USER, "ep1", NOW))
               .when(new RotateWebhookSecret(ID, USER, "ep1", "sealed-2", Duration.ofHours(24)))
               .expectException(UnknownWebhookEndpointException.class);
        fixture.givenNoPriorActivity()
               .when(new RemoveWebhookEndpoint(ID, USER, "ep1"))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aRotationKeepsThePreviousSecretSigningForTheOverlap() {
        fixture.given(added("ep1"))
               .when(new RotateWebhookSecret(ID, USER, "ep1", "sealed-2", Duration.ofHours(24)))
               .expectEvents(new WebhookSecretRotated(USER, "ep1", "sealed-2", "sealed-1",
                       NOW.plus(Duration.ofHours(24)), NOW));
        fixture.given(added("ep1"), new WebhookSecretRotated(USER, "ep1", "sealed-2", "sealed-1", NOW, NOW))
               .when(new RotateWebhookSecret(ID, USER, "ep1", "sealed-3", Duration.ZERO))
               .expectEvents(new WebhookSecretRotated(USER, "ep1", "sealed-3", "sealed-2", NOW, NOW));
    }

    @Test
    void disablingADisabledEndpointChangesNothing() {
        DisableWebhookEndpoint gone = new DisableWebhookEndpoint(ID, USER, "ep1", WebhookDisabledReason.GONE, "410");
        fixture.given(added("ep1"))
               .when(gone)
               .expectEvents(new WebhookEndpointDisabled(USER, "ep1", WebhookDisabledReason.GONE, "410", NOW));
        fixture.given(added("ep1"), new WebhookEndpointDisabled(USER, "ep1", WebhookDisabledReason.GONE, "410", NOW))
               .when(gone)
               .expectNoEvents();
    }
}
