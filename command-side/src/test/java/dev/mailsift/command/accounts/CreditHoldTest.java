package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.mailsift.command.accounts.UserFixture.*;

/** Reservations with a hold: released by their deadline when nothing settled them, and only then. */
class CreditHoldTest {

    private static final Duration HOLD = Duration.ofMinutes(10);
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void aReservationWithAHoldSchedulesItsExpiry() {
        fixture.given(registered(), confirmed(), granted(10))
               .when(new ReserveCredits("u1", "verification-1", 1, HOLD))
               .expectEvents(new CreditsReserved("u1", "verification-1", 1, 9, 1, NOW))
               .expectScheduledDeadlineWithName(HOLD, CreditBalance.HOLD_DEADLINE)
               .expectResultMessagePayload(true);
    }

    @Test
    void anUnsettledReservationIsReleasedInFullWhenItsHoldRunsOut() {
        fixture.given(registered(), confirmed(), granted(10))
               .andGivenCommands(new ReserveCredits("u1", "verification-1", 1, HOLD))
               .whenTimeElapses(HOLD)
               .expectDeadlinesMet(new CreditHoldExpiry("verification-1"))
               .expectEvents(new CreditReservationExpired("u1", "verification-1", 1, 10, 0, NOW));
    }

    @Test
    void anExpiredReservationIsReleasedOnlyOnce() {
        fixture.given(registered(), confirmed(), granted(10))
               .andGivenCommands(new ReserveCredits("u1", "verification-1", 1, HOLD))
               .andGiven(new CreditReservationExpired("u1", "verification-1", 1, 10, 0, NOW))
               .whenTimeElapses(HOLD)
               .expectDeadlinesMet(new CreditHoldExpiry("verification-1"))
               .expectNoEvents();
    }

    @Test
    void aSettlementAfterTheExpiryChargesNothing() {
        fixture.given(registered(), confirmed(), granted(10), new CreditsReserved("u1", "verification-1", 1, 9, 1, NOW),
                      new CreditReservationExpired("u1", "verification-1", 1, 10, 0, NOW))
               .when(new SettleReservation("u1", "verification-1", 1))
               .expectNoEvents();
    }

    @Test
    void aReservationSettledBeforeItsHoldRunsOutIsLeftAsSettled() {
        fixture.given(registered(), confirmed(), granted(10))
               .andGivenCommands(new ReserveCredits("u1", "verification-1", 1, HOLD),
                                 new SettleReservation("u1", "verification-1", 1))
               .whenTimeElapses(HOLD.plusMinutes(1))
               .expectDeadlinesMet(new CreditHoldExpiry("verification-1"))
               .expectNoEvents();
    }

    @Test
    void aReservationReleasedBeforeItsHoldRunsOutIsNotReleasedAgain() {
        fixture.given(registered(), confirmed(), granted(10))
               .andGivenCommands(new ReserveCredits("u1", "verification-1", 1, HOLD),
                                 new SettleReservation("u1", "verification-1", 0))
               .whenTimeElapses(HOLD)
               .expectNoEvents();
    }

    @Test
    void aJobReservationWithoutAHoldNeverExpires() {
        fixture.given(registered(), confirmed(), granted(100))
               .andGivenCommands(new ReserveCredits("u1", "job-1", 60))
               .whenTimeElapses(Duration.ofDays(365))
               .expectNoScheduledDeadlines()
               .expectNoEvents();
        fixture.given(registered(), confirmed(), granted(100))
               .when(new ReserveCredits("u1", "job-1", 60))
               .expectNoScheduledDeadlines();
    }

    @Test
    void aRejectedReservationSchedulesNoExpiry() {
        fixture.given(registered(), confirmed(), granted(0))
               .when(new ReserveCredits("u1", "verification-1", 1, HOLD))
               .expectNoScheduledDeadlines()
               .expectResultMessagePayload(false);
    }

    @Test
    void aHoldThatIsNotPositiveIsRefused() {
        fixture.given(registered(), confirmed(), granted(10))
               .when(new ReserveCredits("u1", "verification-1", 1, Duration.ZERO))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void theExpiryKeepsTheOtherReservationsOpen() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .andGivenCommands(new ReserveCredits("u1", "verification-1", 1, HOLD))
               .whenTimeElapses(HOLD)
               .expectEvents(new CreditReservationExpired("u1", "verification-1", 1, 40, 60, NOW));
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW),
                      new CreditsReserved("u1", "verification-1", 1, 39, 61, NOW),
                      new CreditReservationExpired("u1", "verification-1", 1, 40, 60, NOW))
               .when(new SettleReservation("u1", "job-1", 60))
               .expectEvents(new CreditsCaptured("u1", "job-1", 60, 0, NOW));
    }



}
