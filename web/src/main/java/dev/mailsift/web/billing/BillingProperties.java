package dev.mailsift.web.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What is for sale and how Stripe is reached ({@code mailsift.billing.*}, set from {@code MAILSIFT_STRIPE_*}).
 *
 * @param packs     the credit packs on sale; their credits never expire
 * @param plans     the subscription plans on sale
 * @param publicUrl where people reach the dashboard: Stripe sends them back there after a checkout
 * @param stripe    how to reach Stripe; without a secret key nothing can be bought, the rest runs unchanged
 */
@ConfigurationProperties("mailsift.billing")
record BillingProperties(List<CreditPack> packs, List<SubscriptionPlan> plans, String publicUrl, Stripe stripe) {

    BillingProperties {
        packs = packs == null ? List.of() : List.copyOf(packs);
        plans = plans == null ? List.of() : List.copyOf(plans);
        stripe = stripe == null ? new Stripe(null, null, null, null) : stripe;
    }

    Optional<CreditPack> pack(String id) {
        return packs.stream().filter(pack -> pack.id().equals(id)).findFirst();
    }

    Optional<SubscriptionPlan> plan(String id) {
        return plans.stream().filter(plan -> plan.id().equals(id)).findFirst();
    }

    /**
     * A credit pack.
     *
     * @param amount        price in minor units of {@code currency} (cents for {@code usd})
     * @param stripePriceId a Price made in Stripe's dashboard, or none: the checkout then states the price itself
     */
    record CreditPack(String id, long credits, long amount, String currency, String stripePriceId) {
    }

    /**
     * A subscription plan: {@code creditsPerPeriod} credits every paid period.
     *
     * @param interval  {@code month} or {@code year}
     * @param amount    price per period in minor units of {@code currency}
     * @param rollover  whether credits left at a period's end stay (the default); with {@code false} a period's
     *                  unspent credits lapse at its end ({@code CreditsExpired}), spent before any that do not
     */
    record SubscriptionPlan(String id, long creditsPerPeriod, String interval, long amount, String currency,
                            String stripePriceId, Boolean rollover) {

        SubscriptionPlan {
            rollover = rollover == null || rollover;
            if (!"month".equals(interval) && !"year".equals(interval)) {
                throw new IllegalArgumentException("plan " + id + ": interval is month or year, not " + interval);
            }
        }
    }

    /**
     * @param secretKey        the API key ({@code sk_…} or a restricted {@code rk_…})
     * @param webhookSecret    the signing secret of the webhook endpoint ({@code whsec_…})
     * @param apiBase          Stripe's API address; another only for a stand-in
     * @param webhookTolerance how old a delivery's signature may be (Stripe's libraries allow 5 minutes)
     */
    record Stripe(String secretKey, String webhookSecret, String apiBase, Duration webhookTolerance) {

        Stripe {
            webhookTolerance = webhookTolerance == null ? Duration.ofMinutes(5) : webhookTolerance;
        }

        boolean configured() {
            return secretKey != null && !secretKey.isBlank();
        }
    }
}
