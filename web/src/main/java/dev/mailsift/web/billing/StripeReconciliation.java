package dev.mailsift.web.billing;

import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.checkout.Session;
import io.micrometer.core.instrument.MeterRegistry;
import dev.mailsift.web.platform.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sweep for what Stripe's webhook did not bring: every interval it asks Stripe for the events of the lookback
 * window not delivered yet (recorded in the inbox, as a delivery would have been), the Checkout Sessions completed
 * and the invoices paid in it (fulfilled as a delivery would have), all through the same once-only path, so a paid
 * customer gets the credits even when no delivery ever arrives, and never twice. Scheduled on nodes with the
 * {@code projections} role, unless switched off; an operator may also run one on any node
 * ({@link ReconciliationController}). Two sweeps at once grant nothing twice.
 */
@Component
class StripeReconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StripeReconciliation.class);
    /** Stripe's lists are read up to this many objects each per sweep. */
    static final int MOST_PER_LIST = 1000;

    /** What a sweep found: objects read, and how many of them it recorded for the first time. */
    record Sweep(int events, int checkouts, int invoices, int recorded) {
    }

    private final StripeGateway stripe;
    private final StripeInbox inbox;
    private final CheckoutFulfilment fulfilment;
    private final ObjectProvider<StripeEvents> handling;
    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean scheduled;
    private final Duration interval;
    private final Duration lookback;
    private final PeriodicTask sweeps = new PeriodicTask("stripe-reconciliation", this::sweep);

    StripeReconciliation(StripeGateway stripe, StripeInbox inbox, CheckoutFulfilment fulfilment,
                         ObjectProvider<StripeEvents> handling, MeterRegistry meters, Clock clock,
                         @Value("${mailsift.role.projections:true}") boolean projections,
                         @Value("${mailsift.billing.reconciliation.enabled:true}") boolean enabled,
                         @Value("${mailsift.billing.reconciliation.interval:PT15M}") Duration interval,
                         @Value("${mailsift.billing.reconciliation.lookback:P3D}") Duration lookback) {
        this.stripe = stripe;
        this.inbox = inbox;
        this.fulfilment = fulfilment;
        this.handling = handling;
        this.meters = meters;
        this.clock = clock;
        this.scheduled = projections && enabled;
        this.interval = interval;
        this.lookback = lookback;
    }

    /**
     * One sweep over the lookback window; a failure of one object does not stop the others. Without a Stripe key,
     * {@link BillingNotConfiguredException}; when Stripe cannot be read, {@link PaymentProviderException}.
     */
    Sweep sweep() {
        Instant since = clock.instant().minus(lookback);
        int recorded = 0;
        var events = stripe.undeliveredEventsSince(since, MOST_PER_LIST);
        for (Event event : events) {
            if (inbox.record(event.getId(), event.getType(), event.toJson(), clock.instant())) {
                recorded++;
                count("event");
            }
        }
        if (recorded > 0) {
            handling.ifAvailable(StripeEvents::wake);
        }
        var checkouts = stripe.completedCheckoutsSince(since, MOST_PER_LIST);
        for (Session session : checkouts) {
            // a plan's checkout is paid by its first invoice, which the invoices below include
            if ("payment".equals(session.getMode()) && fulfilled(() -> fulfilment.fulfil(session),
                    "checkout " + session.getId())) {
                recorded++;
                count("checkout");
            }
        }
        var invoices = stripe.paidInvoicesSince(since, MOST_PER_LIST);
        for (Invoice invoice : invoices) {
            if (fulfilled(() -> fulfilment.fulfil(invoice), "invoice " + invoice.getId())) {
                recorded++;
                count("invoice");
            }
        }
        if (recorded > 0) {
            log.info("Stripe reconciliation recorded {} that no webhook had brought", recorded);
        }
        return new Sweep(events.size(), checkouts.size(), invoices.size(), recorded);
    }

    private boolean fulfilled(java.util.function.Supplier<CheckoutFulfilment.Outcome> fulfil, String about) {
        try {
            return fulfil.get() == CheckoutFulfilment.Outcome.RECORDED;
        } catch (RuntimeException e) {
            log.warn("Stripe reconciliation could not fulfil {}; the next sweep tries again: {}", about, e.toString());
            return false;
        }
    }

    private void count(String kind) {
        meters.counter("mailsift.billing.stripe.reconciled", "kind", kind).increment();
    }

    @Override
    public void start() {
        if (scheduled && stripe.configured()) {
            sweeps.start(interval);
        }
    }

    @Override
    public void stop() {
        sweeps.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return sweeps.running();
    }
}
