package dev.mailsift.command.billing;

import dev.mailsift.api.billing.BillingCustomerCreated;
import dev.mailsift.api.billing.CheckoutStarted;
import dev.mailsift.api.billing.CreateBillingCustomer;
import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.RecordCheckoutStarted;
import dev.mailsift.api.billing.RecordPackPurchase;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.RecordPaymentFailed;
import dev.mailsift.api.billing.RecordSubscriptionCanceled;
import dev.mailsift.api.billing.RecordSubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionStarted;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BillingCustomerTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final InMemoryBillingCustomers customers = new InMemoryBillingCustomers();
    private AggregateTestFixture<BillingCustomer> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BillingCustomer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(customers);
    }

    @Test
    void aCustomerIsCreatedForAnAccountAndClaimedAsItsOne() {
        fixture.givenNoPriorActivity()
               .when(new CreateBillingCustomer("cus_1", "u1"))
               .expectEvents(new BillingCustomerCreated("cus_1", "u1", NOW));

        assertThat(customers.customerOf("u1")).contains("cus_1");
    }

    @Test
    void aSecondCustomerForTheSameAccountIsRefused() {
        customers.claim("u1", "cus_1");

        fixture.givenNoPriorActivity()
               .when(new CreateBillingCustomer("cus_2", "u1"))
               .expectException(AccountHasACustomerException.class)
               .expectNoEvents();
    }

    @Test
    void aStartedCheckoutIsRecordedOnce() {
        fixture.given(created())
               .andGiven(new CheckoutStarted("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd", NOW))
               .when(new RecordCheckoutStarted("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd"))
               .expectNoEvents();
    }

    @Test
    void aPaidCheckoutIsAPurchaseTheFirstTimeItIsReported() {
        fixture.given(created())
               .when(new RecordPackPurchase("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd"))
               .expectEvents(new PackPurchased("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd", NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void reportingAPaidCheckoutAgainChangesNothing() {
        fixture.given(created(), new PackPurchased("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd", NOW))
               .when(new RecordPackPurchase("cus_1", "u1", "cs_1", "starter", 1000, 900, "usd"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aCheckoutOfAnotherAccountOrWithoutCreditsIsRefused() {
        fixture.given(created())
               .when(new RecordPackPurchase("cus_1", "u2", "cs_1", "starter", 1000, 900, "usd"))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(created())
               .when(new RecordPackPurchase("cus_1", "u1", "cs_1", "starter", 0, 900, "usd"))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void theFirstPaidInvoiceOfASubscriptionStartsItAndEachPeriodIsPaidOnce() {
        Instant start = Instant.parse("2026-11-30T00:00:00Z");
        Instant end = Instant.parse("2026-12-30T00:00:00Z");
        fixture.given(created())
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly", 5000, start, end,
                       1900, "usd"))
               .expectEvents(new SubscriptionStarted("cus_1", "u1", "sub_1", "monthly", NOW),
                       new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly", 5000, start, end, 1900,
                               "usd", NOW, null, 5000L));
        fixture.given(created(), new SubscriptionStarted("cus_1", "u1", "sub_1", "monthly", NOW),
                       new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly", 5000, start, end, 1900,
                               "usd", NOW))
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly", 5000, end,
                       end.plusSeconds(2_592_000), 1900, "usd"))
               .expectEvents(new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly", 5000, end,
                       end.plusSeconds(2_592_000), 1900, "usd", NOW, null, 5000L));
        fixture.given(created(), new SubscriptionStarted("cus_1", "u1", "sub_1", "monthly", NOW),
                       new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly", 5000, start, end, 1900,
                               "usd", NOW))
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly", 5000, start, end,
                       1900, "usd"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void eachFailedCollectionAttemptAndASubscriptionsEndAreRecordedOnce() {
        fixture.given(created())
               .when(new RecordPaymentFailed("cus_1", "u1", "sub_1", "in_2", 1, 1900, "usd"))
               .expectEvents(new PaymentFailed("cus_1", "u1", "sub_1", "in_2", 1, 1900, "usd", NOW));
        fixture.given(created(), new PaymentFailed("cus_1", "u1", "sub_1", "in_2", 1, 1900, "usd", NOW))
               .when(new RecordPaymentFailed("cus_1", "u1", "sub_1", "in_2", 1, 1900, "usd"))
               .expectNoEvents();
        fixture.given(created(), new PaymentFailed("cus_1", "u1", "sub_1", "in_2", 1, 1900, "usd", NOW))
               .when(new RecordPaymentFailed("cus_1", "u1", "sub_1", "in_2", 2, 1900, "usd"))
               .expectEvents(new PaymentFailed("cus_1", "u1", "sub_1", "in_2", 2, 1900, "usd", NOW));
        fixture.given(created(), new SubscriptionCanceled("cus_1", "u1", "sub_1", NOW))
               .when(new RecordSubscriptionCanceled("cus_1", "u1", "sub_1"))
               .expectNoEvents();
    }

    private static BillingCustomerCreated created() {
        return new BillingCustomerCreated("cus_1", "u1", NOW);
    }

    /** One customer per account, as the service keeps it in {@code billing_customer}, in memory. */
    static final class InMemoryBillingCustomers implements BillingCustomers {

        private final Map<String, String> customerByAccount = new HashMap<>();

        @Override
        public void claim(String userId, String customerId) {
            if (customerByAccount.putIfAbsent(userId, customerId) != null) {
                throw new AccountHasACustomerException(userId);
            }
        }

        @Override
        public Optional<String> customerOf(String userId) {
            return Optional.ofNullable(customerByAccount.get(userId));
        }

        @Override
        public Optional<String> accountOf(String customerId) {
            return customerByAccount.entrySet().stream().filter(entry -> entry.getValue().equals(customerId))
                                    .map(Map.Entry::getKey).findFirst();
        }
    }
}
