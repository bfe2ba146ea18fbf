package dev.mailsift.command.billing;

import dev.mailsift.api.billing.BillingCustomerCreated;
import dev.mailsift.api.billing.RecordSubscriptionCanceled;
import dev.mailsift.api.billing.RecordSubscriptionChange;
import dev.mailsift.api.billing.RecordSubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionChanged.Change;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionStarted;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Plan changes on the customer that owns the subscription, and what each paid invoice grants around them. */
class SubscriptionChangesTest {

    static final Instant NOW = Instant.parse("2026-12-10T10:00:00Z");
    static final Instant START = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant END = Instant.parse("2026-12-30T00:00:00Z");
    static final Instant NEXT_END = Instant.parse("2027-01-30T00:00:00Z");

    private AggregateTestFixture<BillingCustomer> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(BillingCustomer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new BillingCustomerTest.InMemoryBillingCustomers());
    }

    @Test
    void anUpgradeIsRecordedAsAChangeOfTheSubscription() {
        fixture.given(created(), started(), firstPeriod())
               .when(change("monthly-50k", 50_000, null))
               .expectEvents(changed(Change.UPGRADED, "monthly-5k", "monthly-50k", 50_000, null))
               .expectResultMessagePayload(true);
    }

    @Test
    void aDowngradeAndAScheduledEndAndItsWithdrawalAreEachAChange() {
        fixture.given(created(), started(), firstPeriod(), upgraded())
               .when(change("monthly-5k", 5000, null))
               .expectEvents(changed(Change.DOWNGRADED, "monthly-50k", "monthly-5k", 5000, null));
        fixture.given(created(), started(), firstPeriod())
               .when(change("monthly-5k", 5000, END))
               .expectEvents(changed(Change.CANCELLATION_SCHEDULED, "monthly-5k", "monthly-5k", 5000, END));
        fixture.given(created(), started(), firstPeriod(),
                       changed(Change.CANCELLATION_SCHEDULED, "monthly-5k", "monthly-5k", 5000, END))
               .when(change("monthly-5k", 5000, null))
               .expectEvents(changed(Change.CANCELLATION_WITHDRAWN, "monthly-5k", "monthly-5k", 5000, null));
    }

    @Test
    void theSameTermsReportedAgainChangeNothing() {
        fixture.given(created(), started(), firstPeriod())
               .when(change("monthly-5k", 5000, null))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(created(), started(), firstPeriod(), upgraded())
               .when(change("monthly-50k", 50_000, null))
               .expectNoEvents();
    }

    @Test
    void aSubscriptionNotStartedYetOrEndedChangesNothing() {
        fixture.given(created())
               .when(change("monthly-50k", 50_000, null))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(created(), started(), firstPeriod(), canceled())
               .when(change("monthly-50k", 50_000, null))
               .expectNoEvents();
        fixture.given(created(), started(), firstPeriod(), canceled())
               .when(new RecordSubscriptionCanceled("cus_1", "u1", "sub_1"))
               .expectNoEvents();
    }

    @Test
    void aChangeOfAnotherAccountIsRefused() {
        fixture.given(created(), started(), firstPeriod())
               .when(new RecordSubscriptionChange("cus_1", "u2", "sub_1", "monthly-50k", 50_000, null))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void anUpgradesInvoiceTopsThePeriodUpToTheNewPlansCredits() {
        fixture.given(created(), started(), firstPeriod(), upgraded())
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly-50k", 50_000, NOW,
                       END, 10_800, "usd"))
               .expectEvents(upgradesPeriodPaid());
    }

    @Test
    void anUpgradesInvoiceBeforeThePeriodsOwnGrantsThePeriodOnceAndTheOwnInvoiceNothingMore() {
        fixture.given(created(), started(), new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2",
                       "monthly-50k", 50_000, NOW, END, 10_800, "usd", NOW, null, 50_000L))
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly-5k", 5000, START,
                       END, 1900, "usd"))
               .expectEvents(new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly-5k", 0, START,
                       END, 1900, "usd", NOW, null, 5000L));
    }

    @Test
    void aDowngradeGrantsNothingThisPeriodAndTheLowerPlansCreditsFromTheNext() {
        fixture.given(created(), started(), firstPeriod(), upgraded(), upgradesPeriodPaid())
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_3", "monthly-5k", 5000, NOW, END,
                       0, "usd"))
               .expectEvents(new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_3", "monthly-5k", 0, NOW, END, 0,
                       "usd", NOW, null, 5000L));
        fixture.given(created(), started(), firstPeriod(), upgraded(), upgradesPeriodPaid())
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_4", "monthly-5k", 5000, END,
                       NEXT_END, 1900, "usd"))
               .expectEvents(new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_4", "monthly-5k", 5000, END,
                       NEXT_END, 1900, "usd", NOW, null, 5000L));
    }

    @Test
    void anUpgradeOfAPlanWithoutRolloverTopsUpWithCreditsLapsingAtThePeriodsEnd() {
        fixture.given(created(), started(), new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly-5k",
                       5000, START, END, 1900, "usd", NOW, END, 5000L))
               .when(new RecordSubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly-50k", 50_000, NOW,
                       END, 10_800, "usd", END))
               .expectEvents(new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly-50k", 45_000, NOW,
                       END, 10_800, "usd", NOW, END, 50_000L));
    }

    private static BillingCustomerCreated created() {
        return new BillingCustomerCreated("cus_1", "u1", NOW);
    }

    private static SubscriptionStarted started() {
        return new SubscriptionStarted("cus_1", "u1", "sub_1", "monthly-5k", NOW);
    }

    /** Stored before periods said what their plan grants: the plan's credits are the period's. */
    private static SubscriptionPeriodPaid firstPeriod() {
        return new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_1", "monthly-5k", 5000, START, END, 1900, "usd",
                NOW);
    }

    private static SubscriptionChanged upgraded() {
        return changed(Change.UPGRADED, "monthly-5k", "monthly-50k", 50_000, null);
    }

    /** The upgrade's invoice, topping the period up to the new plan's credits. */
    private static SubscriptionPeriodPaid upgradesPeriodPaid() {
        return new SubscriptionPeriodPaid("cus_1", "u1", "sub_1", "in_2", "monthly-50k", 45_000, NOW, END, 10_800,
                "usd", NOW, null, 50_000L);
    }

    private static SubscriptionCanceled canceled() {
        return new SubscriptionCanceled("cus_1", "u1", "sub_1", NOW);
    }

    /** The account's own subscription reported with {@code plan}'s terms. */
    private static RecordSubscriptionChange change(String plan, long creditsPerPeriod, Instant cancelAt) {
        return new RecordSubscriptionChange("cus_1", "u1", "sub_1", plan, creditsPerPeriod, cancelAt);
    }

    private static SubscriptionChanged changed(Change change, String previousPlan, String plan, long creditsPerPeriod,
                                               Instant cancelAt) {
        return new SubscriptionChanged("cus_1", "u1", "sub_1", change, previousPlan, plan, creditsPerPeriod, cancelAt,
                NOW);
    }
}
