package dev.mailsift.web.billing;

import com.stripe.model.Price;
import dev.mailsift.web.billing.BillingProperties.SubscriptionPlan;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which catalogue plan a Stripe price is: the plan whose {@code stripe-price-id} it is, else the one plan of its
 * amount, currency and interval (a price the checkout stated itself, or one made in Stripe's dashboard without its id
 * in the catalogue). A plan change in the Billing Portal shows up only as a new price on the subscription; this is how
 * MailSift reads which plan it is.
 */
@Component
class PlanPrices {

    private final BillingProperties properties;
    private final StripeGateway stripe;

    PlanPrices(BillingProperties properties, StripeGateway stripe) {
        this.properties = properties;
        this.stripe = stripe;
    }

    /** @param priceId a price named by an invoice line (which names it without its amount) */
    Optional<SubscriptionPlan> ofPriceId(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        Optional<SubscriptionPlan> byId = byId(priceId);
        return byId.isPresent() ? byId : of(stripe.price(priceId));
    }

    Optional<SubscriptionPlan> of(Price price) {
        if (price == null) {
            return Optional.empty();
        }
        Optional<SubscriptionPlan> byId = byId(price.getId());
        if (byId.isPresent() || price.getRecurring() == null) {
            return byId;
        }
        List<SubscriptionPlan> alike = properties.plans().stream()
                .filter(plan -> Objects.equals(price.getUnitAmount(), plan.amount())
                        && plan.currency().equalsIgnoreCase(price.getCurrency())
                        && plan.interval().equals(price.getRecurring().getInterval()))
                .toList();
        return alike.size() == 1 ? Optional.of(alike.getFirst()) : Optional.empty();
    }

    private Optional<SubscriptionPlan> byId(String priceId) {
        return properties.plans().stream().filter(plan -> priceId.equals(plan.stripePriceId())).findFirst();
    }

    /**
     * The plan a subscription is on as sold: what its metadata says when the price is still that plan's (or is no
     * catalogue plan's), else the catalogue's plan as it is sold now.
     */
    static PlanTerms terms(CheckoutMetadata sold, Optional<SubscriptionPlan> priced) {
        return priced.filter(plan -> !plan.id().equals(sold.planId()))
                     .map(plan -> new PlanTerms(plan.id(), plan.creditsPerPeriod(), plan.rollover()))
                     .orElse(new PlanTerms(sold.planId(), sold.credits(), sold.rollover()));
    }

    /** A plan's id, credits per period and whether they roll over. */
    record PlanTerms(String planId, long creditsPerPeriod, boolean rollover) {
    }
}
