package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import dev.mailsift.web.billing.StripeInbox.InboxEvent;
import dev.mailsift.web.billing.StripeInbox.State;
import dev.mailsift.web.platform.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Handles what the inbox recorded, off the webhook's request thread (Stripe gives up on an endpoint that is slow to
 * answer). A paid checkout or invoice, a refunded charge or a dispute is read again from Stripe by id, since the copy
 * inside the event may be stale or of another API version; types not handled yet are marked ignored. A failure is retried with a growing pause.
 * Runs on every node with the {@code projections} role; the inbox's leases keep two nodes off one event.
 */
@Component
@ConditionalOnProperty(name = "mailsift.role.projections", havingValue = "true", matchIfMissing = true)
class StripeEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StripeEvents.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    static final int MAX_ATTEMPTS = 25;

    private final StripeInbox inbox;
    private final StripeGateway stripe;
    private final CheckoutFulfilment fulfilment;
    private final SubscriptionTroubles troubles;
    private final ChargeReversals reversals;
    private final PlanChanges planChanges;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration pollInterval;
    private final ObjectMapper json = new ObjectMapper();
    private final PeriodicTask drains = new PeriodicTask("stripe-events", this::drain);

    StripeEvents(StripeInbox inbox, StripeGateway stripe, CheckoutFulfilment fulfilment,
                 SubscriptionTroubles troubles, ChargeReversals reversals, PlanChanges planChanges,
                 MeterRegistry meters,
                 Clock clock, @Value("${mailsift.billing.inbox-poll-interval:PT1S}") Duration pollInterval) {
        this.inbox = inbox;
        this.stripe = stripe;
        this.fulfilment = fulfilment;
        this.troubles = troubles;
        this.reversals = reversals;
        this.planChanges = planChanges;
        this.meters = meters;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** Handle what just arrived now rather than at the next poll. */
    void wake() {
        drains.runSoon();
    }

    private void drain() {
        try {
            Optional<InboxEvent> next;
            while ((next = inbox.claimNext(clock.instant(), LEASE)).isPresent()) {
                handle(next.get());
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the Stripe inbox: {}", e.toString());
        }
    }

    void handle(InboxEvent event) {
        try {
            switch (event.type()) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                        handleCheckout(event);
                case "invoice.paid" -> handleInvoice(event);
                case "invoice.payment_failed" -> {
                    Invoice invoice = stripe.invoice(objectId(event));
                    settle(event, troubles.paymentFailed(invoice), "invoice " + invoice.getId(), invoice.getCustomer());
                }
                case "customer.subscription.created", "customer.subscription.updated" -> {
                    Subscription subscription = stripe.subscription(objectId(event));
                    settle(event, planChanges.updated(subscription), "subscription " + subscription.getId(),
                            subscription.getCustomer());
                }
                case "customer.subscription.deleted" -> {
                    Subscription subscription = stripe.subscription(objectId(event));
                    settle(event, troubles.canceled(subscription), "subscription " + subscription.getId(),
                            subscription.getCustomer());
                }
                case "charge.refunded" -> {
                    Charge charge = stripe.charge(objectId(event));
                    settle(event, reversals.refunded(charge), charge.getCustomer());
                }
                case "charge.dispute.created", "charge.dispute.closed" -> {
                    Dispute dispute = stripe.dispute(objectId(event));
                    settle(event, reversals.disputed(dispute), null);
                }
                default -> finish(event, State.IGNORED, "not a type MailSift handles");
            }
        } catch (RuntimeException e) {
            if (event.attempts() >= MAX_ATTEMPTS) {
                log.error("Stripe event {} ({}) failed {} times; left for an operator", event.eventId(),
                        event.type(), event.attempts(), e);
                finish(event, State.FAILED, e.toString());
            } else {
                Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(event.attempts() - 1, 10));
                pause = pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
                log.warn("Stripe event {} ({}) failed, retried in {}: {}", event.eventId(), event.type(), pause,
                        e.toString());
                inbox.retryAt(event.eventId(), clock.instant().plus(pause), e.toString());
            }
        }
    }

    private void handleCheckout(InboxEvent event) {
        Session session = stripe.checkoutSession(objectId(event));
        settle(event, fulfilment.fulfil(session), "checkout " + session.getId(), session.getCustomer());
    }

    private void handleInvoice(InboxEvent event) {
        Invoice invoice = stripe.invoice(objectId(event));
        settle(event, fulfilment.fulfil(invoice), "invoice " + invoice.getId(), invoice.getCustomer());
    }

    private void settle(InboxEvent event, CheckoutFulfilment.Outcome outcome, String about, String customerId) {
        switch (outcome) {
            case RECORDED, ALREADY_RECORDED, NOT_PAID -> finish(event, State.HANDLED, outcome.name().toLowerCase());
            case NOTHING_TO_GRANT -> finish(event, State.IGNORED, about + " grants no credits");
            case UNKNOWN_ACCOUNT -> {
                log.warn("Stripe event {} is about {} of no MailSift account (customer {}); kept for an operator",
                        event.eventId(), about, customerId);
                finish(event, State.FAILED, "unknown account: " + about + " of customer " + customerId);
            }
        }
    }

    private void settle(InboxEvent event, ChargeReversals.Reversal reversal, String customerId) {
        switch (reversal.outcome()) {
            case TAKEN_BACK, NOTHING_TO_TAKE -> finish(event, State.HANDLED, reversal.detail());
            case UNKNOWN_ACCOUNT -> {
                log.warn("Stripe event {} is about {} of no MailSift purchase (customer {}); kept for an operator",
                        event.eventId(), reversal.detail(), customerId);
                finish(event, State.FAILED, "unknown account: " + reversal.detail());
            }
        }
    }

    private void finish(InboxEvent event, State state, String outcome) {
        inbox.finish(event.eventId(), state, outcome);
        meters.counter("mailsift.billing.stripe.events", "type", event.type(), "state", state.name().toLowerCase())
              .increment();
    }

    private String objectId(InboxEvent event) {
        try {
            JsonNode id = json.readTree(event.payload()).path("data").path("object").path("id");
            if (!id.isTextual()) {
                throw new IllegalStateException("event " + event.eventId() + " names no object");
            }
            return id.asText();
        } catch (IOException e) {
            throw new IllegalStateException("event " + event.eventId() + " is not JSON", e);
        }
    }

    @Override
    public void start() {
        drains.start(pollInterval);
    }

    @Override
    public void stop() {
        drains.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return drains.running();
    }
}
