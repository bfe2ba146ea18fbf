package dev.mailsift.command.accounts;

import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static dev.mailsift.command.accounts.UserFixture.*;

class CreditBalanceTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void reservingMovesCreditsFromAvailableToReserved() {
        fixture.given(registered(), confirmed(), granted(100))
               .when(new ReserveCredits("u1", "job-1", 60))
               .expectEvents(new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void aReservationLargerThanTheBalanceIsRejectedAndNothingMoves() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .when(new ReserveCredits("u1", "job-2", 41))
               .expectEvents(new CreditReservationRejected("u1", "job-2", 41, 40, SpendingRefusal.INSUFFICIENT_CREDITS, NOW))
               .expectResultMessagePayload(false);
    }

    @Test
    void reservingTheSameIdTwiceReservesOnce() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .when(new ReserveCredits("u1", "job-1", 60))
               .expectNoEvents()
               .expectResultMessagePayload(true);
    }

    @Test
    void aRejectedReservationIsNotRetriedUnderTheSameId() {
        fixture.given(registered(), confirmed(), granted(10),
                      new CreditReservationRejected("u1", "job-1", 60, 10, SpendingRefusal.INSUFFICIENT_CREDITS, NOW),
                      granted(100))
               .when(new ReserveCredits("u1", "job-1", 60))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void settlingCapturesWhatWasUsedAndReleasesTheRest() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .when(new SettleReservation("u1", "job-1", 45))
               .expectEvents(new CreditsCaptured("u1", "job-1", 45, 15, NOW),
                             new CreditsReleased("u1", "job-1", 15, 55, 0, NOW));
    }

    @Test
    void settlingEverythingCapturesOnlyAndTheReservationIsClosed() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW),
                      new CreditsCaptured("u1", "job-1", 60, 0, NOW))
               .when(new SettleReservation("u1", "job-1", 60))
               .expectNoEvents();
    }

    @Test
    void captureIsCappedAtTheReservationAndASecondSettlementChangesNothing() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .when(new SettleReservation("u1", "job-1", 500))
               .expectEvents(new CreditsCaptured("u1", "job-1", 60, 0, NOW));
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW),
                      new CreditsCaptured("u1", "job-1", 20, 40, NOW),
                      new CreditsReleased("u1", "job-1", 40, 80, 0, NOW))
               .when(new SettleReservation("u1", "job-1", 60))
               .expectNoEvents();
    }

    @Test
    void settlingNothingReleasesEverything() {
        fixture.given(registered(), confirmed(), granted(100), new CreditsReserved("u1", "job-1", 60, 40, 60, NOW))
               .when(new SettleReservation("u1", "job-1", 0))
               .expectEvents(new CreditsReleased("u1", "job-1", 60, 100, 0, NOW));
    }

    @Test
    void aNonPositiveReservationIsRefused() {
        fixture.given(registered(), confirmed(), granted(100))
               .when(new ReserveCredits("u1", "job-1", 0))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }


    /** Spending needs a confirmed address (see UserStandingTest for the refusals). */


}
