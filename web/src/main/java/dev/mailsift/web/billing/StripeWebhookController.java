package dev.mailsift.web.billing;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Stripe's deliveries. The raw body is verified with stripe-java against the endpoint's signing secret (a forged
 * or stale one is a 400 and nothing is recorded), recorded in the inbox once per event id, and acknowledged at
 * once; {@link StripeEvents} handles it.
 */
@RestController
class StripeWebhookController {

    private final BillingProperties properties;
    private final StripeInbox inbox;
    private final ObjectProvider<StripeEvents> handling;
    private final Clock clock;

    StripeWebhookController(BillingProperties properties, StripeInbox inbox, ObjectProvider<StripeEvents> handling,
                            Clock clock) {
        this.properties = properties;
        this.inbox = inbox;
        this.handling = handling;
        this.clock = clock;
    }

    @Operation(summary = "Receive a Stripe event",
            description = "For Stripe only: records a signed event delivery once (a duplicate is acknowledged "
                    + "and ignored) and acts on it.")
    @PublicOperation
    @Parameter(name = "Stripe-Signature", in = ParameterIn.HEADER,
            description = "Stripe's signature of the body as sent.")
    @ProblemResponse(status = 400, type = ProblemType.INVALID_SIGNATURE,
            when = "The `Stripe-Signature` is missing, forged or older than 5 minutes; nothing was "
                    + "recorded.")
    @ProblemResponse(status = 503, type = ProblemType.BILLING_NOT_CONFIGURED,
            when = "This service has no Stripe webhook signing secret.")
    @PostMapping("/api/v1/billing/stripe-webhook")
    Received receive(@RequestBody byte[] body,
                     @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        // the signature covers the bytes as sent, which Stripe encodes in UTF-8 whatever the Content-Type says
        String payload = new String(body, StandardCharsets.UTF_8);
        String secret = properties.stripe().webhookSecret();
        if (secret == null || secret.isBlank()) {
            throw new BillingNotConfiguredException("MAILSIFT_STRIPE_WEBHOOK_SECRET");
        }
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException("The Stripe-Signature header is missing.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret,
                    properties.stripe().webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidSignatureException("The Stripe-Signature does not verify: " + e.getMessage());
        }
        boolean first = inbox.record(event.getId(), event.getType(), payload, clock.instant());
        if (first) {
            handling.ifAvailable(StripeEvents::wake);
        }
        return new Received(true, !first);
    }

    /** @param duplicate the event was recorded by an earlier delivery */
    record Received(boolean received, boolean duplicate) {
    }
}
