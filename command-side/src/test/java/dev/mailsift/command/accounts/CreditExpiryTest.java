package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.mailsift.command.accounts.UserFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Plan credits that do not roll over lapse at their period's end, and are spent before any that stay (0036). */
class CreditExpiryTest {

    private static final Instant PERIOD_END = NOW.plus(Duration.ofDays(30));
    private static final String PERIOD = "invoice/in_1";
    private static final CreditsGranted PACK = new CreditsGranted(USER_ID, "checkout/cs_1", 1000, "pack", 1000, NOW,
            CreditSource.PACK_PURCHASE);
    private static final CreditsGranted PERIOD_GRANTED = new CreditsGranted(USER_ID, PERIOD, 5000, "plan", 6000, NOW,
            CreditSource.SUBSCRIPTION_PERIOD, PERIOD_END);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    private static GrantCredits period() {
        return new GrantCredits(USER_ID, PERIOD, 5000, "plan", CreditSource.SUBSCRIPTION_PERIOD, PERIOD_END);
    }

    @Test
    void aGrantThatExpiresSchedulesItsLapseAtItsPeriodsEnd() {
        fixture.given(registered(), confirmed(), PACK)
               .when(period())
               .expectEvents(PERIOD_GRANTED)
               .expectScheduledDeadlineWithName(PERIOD_END, CreditBalance.LOT_EXPIRY_DEADLINE);
    }

    @Test
    void spendingTakesTheCreditsThatExpireFirstEvenBeforeOlderOnes() {
        fixture.given(registered(), confirmed(), PACK, PERIOD_GRANTED)
               .when(new ReserveCredits(USER_ID, "job-1", 150))
               .expectEvents(new CreditsReserved(USER_ID, "job-1", 150, 5850, 150, NOW))
               .expectState(user -> assertThat(user.credits().lots())
                       .extracting(CreditLot::grantId, CreditLot::remaining, CreditLot::held)
                       .containsExactly(tuple(PERIOD, 4850L, 150L), tuple("checkout/cs_1", 1000L, 0L)));
    }

    @Test
    void whatIsLeftOfThePeriodLapsesAtItsEndAndTheRestStays() {
        fixture.given(registered(), confirmed(), PACK)
               .andGivenCommands(period(), new ReserveCredits(USER_ID, "job-1", 200),
                       new SettleReservation(USER_ID, "job-1", 200))
               .whenThenTimeAdvancesTo(PERIOD_END)
               .expectDeadlinesMet(new CreditLotExpiry(PERIOD))
               .expectEvents(new CreditsExpired(USER_ID, PERIOD, CreditSource.SUBSCRIPTION_PERIOD, 4800, 0, null,
                       1000, NOW));
    }

    @Test
    void aPeriodSpentInFullLapsesNothing() {
        fixture.given(registered(), confirmed(), PACK)
               .andGivenCommands(period(), new ReserveCredits(USER_ID, "job-1", 5000),
                       new SettleReservation(USER_ID, "job-1", 5000))
               .whenThenTimeAdvancesTo(PERIOD_END)
               .expectDeadlinesMet(new CreditLotExpiry(PERIOD))
               .expectNoEvents();
    }

    @Test
    void creditsAJobHeldAtThePeriodsEndLapseWhenReleasedAndCountWhenSpent() {
        fixture.given(registered(), confirmed(), PACK, PERIOD_GRANTED,
                       new CreditsReserved(USER_ID, "job-1", 100, 5900, 100, NOW),
                       new CreditsExpired(USER_ID, PERIOD, CreditSource.SUBSCRIPTION_PERIOD, 4900, 100, null, 1000,
                               NOW))
               .when(new SettleReservation(USER_ID, "job-1", 40))
               .expectEvents(new CreditsCaptured(USER_ID, "job-1", 40, 60, NOW),
                       new CreditsReleased(USER_ID, "job-1", 60, 1060, 0, NOW),
                       new CreditsExpired(USER_ID, PERIOD, CreditSource.SUBSCRIPTION_PERIOD, 60, 0, "job-1", 1000,
                               NOW))
               .expectState(user -> assertThat(user.credits().lots())
                       .extracting(CreditLot::grantId, CreditLot::remaining, CreditLot::held)
                       .containsExactly(tuple(PERIOD, 0L, 0L), tuple("checkout/cs_1", 1000L, 0L)));
    }

    @Test
    void aLapseThatAlreadyHappenedChangesNothingTheSecondTime() {
        fixture.given(registered(), confirmed(), PACK)
               .andGivenCommands(period())
               .andGiven(new CreditsExpired(USER_ID, PERIOD, CreditSource.SUBSCRIPTION_PERIOD, 5000, 0, null, 1000,
                       NOW))
               .whenThenTimeAdvancesTo(PERIOD_END)
               .expectDeadlinesMet(new CreditLotExpiry(PERIOD))
               .expectNoEvents();
    }
}
