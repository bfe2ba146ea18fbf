package dev.mailsift.query.billing;

import dev.mailsift.api.billing.FindSubscription;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionStarted;
import dev.mailsift.api.billing.SubscriptionView;
import dev.mailsift.query.accounts.account.AccountProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Each account's latest subscription: plan, standing and last paid period. Shares the {@code accounts} processor
 * (see {@link CreditLedgerProjection}); every handler is an idempotent update, so a redelivery changes nothing.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class SubscriptionProjection {

    private final JdbcTemplate jdbc;

    SubscriptionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SubscriptionStarted event) {
        jdbc.update("DELETE FROM billing_subscription WHERE user_id = ?", event.userId());
        jdbc.update("INSERT INTO billing_subscription (user_id, subscription_id, plan_id, status, credits_per_period, "
                + "periods_paid) VALUES (?, ?, ?, 'active', 0, 0)", event.userId(), event.subscriptionId(),
                event.planId());
    }

    /** A new period, or (same end: an upgrade's or downgrade's invoice) the same period paid again in part. */
    @EventHandler
    void on(SubscriptionPeriodPaid event) {
        Timestamp end = timestamp(event.periodEnd());
        jdbc.update("UPDATE billing_subscription SET status = 'active', "
                        + "period_start = CASE WHEN period_end = ? THEN period_start ELSE ? END, period_end = ?, "
                        + "credits_per_period = ?, "
                        + "periods_paid = periods_paid + CASE WHEN period_end = ? THEN 0 ELSE 1 END, last_invoice_id = ? "
                        + "WHERE subscription_id = ? AND (last_invoice_id IS NULL OR last_invoice_id <> ?)",
                end, timestamp(event.periodStart()), end, event.planCredits(), end, event.invoiceId(),
                event.subscriptionId(), event.invoiceId());
    }

    /** The plan and the scheduled end as they are now; credits per period follow the plan. */
    @EventHandler
    void on(SubscriptionChanged event) {
        jdbc.update("UPDATE billing_subscription SET plan_id = ?, credits_per_period = ?, cancel_at = ? "
                + "WHERE subscription_id = ?", event.planId(), event.creditsPerPeriod(), timestamp(event.cancelAt()),
                event.subscriptionId());
    }

    @EventHandler
    void on(PaymentFailed event) {
        jdbc.update("UPDATE billing_subscription SET status = 'past_due' WHERE subscription_id = ? "
                + "AND status = 'active'", event.subscriptionId());
    }

    @EventHandler
    void on(SubscriptionCanceled event) {
        jdbc.update("UPDATE billing_subscription SET status = 'canceled' WHERE subscription_id = ?",
                event.subscriptionId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM billing_subscription");
    }

    @QueryHandler
    SubscriptionView handle(FindSubscription query) {
        return jdbc.query("SELECT subscription_id, plan_id, status, period_start, period_end, credits_per_period, "
                        + "periods_paid, cancel_at FROM billing_subscription WHERE user_id = ?",
                (rs, n) -> new SubscriptionView(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getLong(6), rs.getLong(7),
                        instant(rs.getTimestamp(8))),
                query.userId()).stream().findFirst().orElse(null);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
