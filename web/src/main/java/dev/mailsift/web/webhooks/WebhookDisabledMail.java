package dev.mailsift.web.webhooks;

import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.api.webhooks.FindWebhookEndpoint;
import dev.mailsift.api.webhooks.WebhookDisabledReason;
import dev.mailsift.api.webhooks.WebhookEndpointDisabled;
import dev.mailsift.api.webhooks.WebhookEndpointView;
import dev.mailsift.web.platform.mail.TransactionalMail;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Tells an endpoint's owner that MailSift stopped sending to it (a 410, or failing for {@code disable-after}): the
 * event is in the history, but nobody reads a history for news. On the {@value WebhookMessages#PROCESSING_GROUP}
 * processor, so one node mails once, and never during a replay.
 */
@Component
@ProcessingGroup(WebhookMessages.PROCESSING_GROUP)
@DisallowReplay
class WebhookDisabledMail {

    private final TransactionalMail mail;
    private final QueryGateway queries;
    private final String publicUrl;

    WebhookDisabledMail(TransactionalMail mail, QueryGateway queries,
                        @Value("${mailsift.billing.public-url}") String publicUrl) {
        this.mail = mail;
        this.queries = queries;
        this.publicUrl = publicUrl;
    }

    /** The mail names the endpoint by its URL when it still exists (the event keeps only its id). */
    @EventHandler
    void on(WebhookEndpointDisabled event) {
        WebhookEndpointView endpoint = queries.query(new FindWebhookEndpoint(event.userId(), event.endpointId()),
                WebhookEndpointView.class).join();
        String url = endpoint == null ? "" : endpoint.url();
        queries.query(new FindUserStatus(event.userId()), ResponseTypes.optionalInstanceOf(UserStatus.class)).join()
               .map(UserStatus::email)
               .ifPresent(email -> mail.send(email, "webhook-disabled", Map.of(
                       "endpoint", event.endpointId(),
                       "url", url,
                       "why", event.reason() == WebhookDisabledReason.GONE
                               ? "it answered 410 Gone, which means it no longer wants messages"
                               : "every attempt to deliver to it failed for too long",
                       "detail", event.detail() == null ? "" : event.detail(),
                       "webhooks_page", publicUrl + "/webhooks")));
    }
}
