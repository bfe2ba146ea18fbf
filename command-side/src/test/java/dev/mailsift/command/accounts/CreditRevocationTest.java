package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.RevocationCause;
import dev.mailsift.api.user.RevokeCredits;
import dev.mailsift.api.user.SettleReservation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.mailsift.command.accounts.UserFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refunds and lost disputes take back at most what the purchase still has unspent, once per cumulative amount,
 * however the deliveries come (decision 0036).
 */
class CreditRevocationTest {

    private static final String PACK_ID = "checkout/cs_1";
    private static final String REFUNDS = "charge/ch_1/refunds";
    private static final CreditsGranted TRIAL = new CreditsGranted(USER_ID, "sign-up/u1", 100, "trial", 100, NOW,
            CreditSource.SIGN_UP);
    private static final CreditsGranted PACK = new CreditsGranted(USER_ID, PACK_ID, 1000, "pack", 1100, NOW,
            CreditSource.PACK_PURCHASE);
    private static final CreditsGranted PACK_ALONE = new CreditsGranted(USER_ID, PACK_ID, 1000, "pack", 1000, NOW,
            CreditSource.PACK_PURCHASE);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    private static RevokeCredits refunded(long cumulative) {
        return new RevokeCredits(USER_ID, PACK_ID, REFUNDS, cumulative, 900, RevocationCause.REFUND, "ch_1");
    }

    private static CreditsRevoked revoked(long cumulative, long taken, long writtenOff, long pending, long after) {
        return new CreditsRevoked(USER_ID, REFUNDS + "/" + cumulative, REFUNDS, PACK_ID, RevocationCause.REFUND,
                "ch_1", taken, writtenOff, pending, null, after, NOW);
    }

    @Test
    void aFullRefundOfAnUnspentPackTakesAllOfItsCreditsBack() {
        fixture.given(registered(), confirmed(), TRIAL, PACK)
               .when(refunded(900))
               .expectEvents(revoked(900, 1000, 0, 0, 100))
               .expectResultMessagePayload(1000L);
    }

    @Test
    void theSameRefundDeliveredAgainTakesNothingMore() {
        fixture.given(registered(), confirmed(), TRIAL, PACK, revoked(900, 1000, 0, 0, 100))
               .when(refunded(900))
               .expectNoEvents()
               .expectResultMessagePayload(0L);
    }

    @Test
    void aPartialRefundTakesBackItsShareRoundedDownInTheCustomersFavour() {
        // 300 of 900 cents: a third of 1000 credits is 333.3, so 333
        fixture.given(registered(), confirmed(), TRIAL, PACK)
               .when(refunded(300))
               .expectEvents(revoked(300, 333, 0, 0, 767));
    }

    @Test
    void aSecondPartialRefundTakesOnlyTheDifferenceOfTheCumulativeAmounts() {
        fixture.given(registered(), confirmed(), TRIAL, PACK, revoked(300, 333, 0, 0, 767))
               .when(refunded(600))
               .expectEvents(revoked(600, 333, 0, 0, 434));
    }

    @Test
    void anOlderCumulativeAmountArrivingLateTakesNothing() {
        fixture.given(registered(), confirmed(), TRIAL, PACK, revoked(900, 1000, 0, 0, 100))
               .when(refunded(300))
               .expectNoEvents();
    }

    @Test
    void aRefundAfterPartOfThePackWasSpentTakesTheUnspentAndWritesOffTheRest() {
        // 1100 - 1050 spent: the trial's 100 first, then 950 of the pack
        fixture.given(registered(), confirmed(), TRIAL, PACK, new CreditsReserved(USER_ID, "job-1", 1050, 50, 1050, NOW),
                       new CreditsCaptured(USER_ID, "job-1", 1050, 0, NOW))
               .when(refunded(900))
               .expectEvents(revoked(900, 50, 950, 0, 0));
    }

    @Test
    void creditsAJobHoldsAreClaimedWhenItSettlesTakenIfReleasedWrittenOffIfSpent() {
        fixture.given(registered(), confirmed(), TRIAL, PACK,
                       new CreditsReserved(USER_ID, "job-1", 400, 700, 400, NOW), // 100 trial + 300 pack
                       revoked(900, 700, 0, 300, 0))
               .when(new SettleReservation(USER_ID, "job-1", 250)) // 100 trial + 150 pack spent, 150 pack back
               .expectEvents(new CreditsCaptured(USER_ID, "job-1", 250, 150, NOW),
                       new CreditsReleased(USER_ID, "job-1", 150, 150, 0, NOW),
                       new CreditsRevoked(USER_ID, REFUNDS + "/900/job-1", REFUNDS, PACK_ID, RevocationCause.REFUND,
                               "ch_1", 150, 150, 0, "job-1", 0, NOW))
               .expectState(user -> assertThat(user.credits().lots())
                       .allSatisfy(lot -> assertThat(lot.owed()).isZero())
                       .allSatisfy(lot -> assertThat(lot.remaining() + lot.held()).isZero()));
    }

    @Test
    void creditsAReservationOfARevokedPackReleasesAreTakenBackAtOnce() {
        fixture.given(registered(), confirmed(), PACK_ALONE,
                       new CreditsReserved(USER_ID, "verify-1", 1, 999, 1, NOW),
                       revoked(900, 999, 0, 1, 0))
               .when(new SettleReservation(USER_ID, "verify-1", 0))
               .expectEvents(new CreditsReleased(USER_ID, "verify-1", 1, 1, 0, NOW),
                       new CreditsRevoked(USER_ID, REFUNDS + "/900/verify-1", REFUNDS, PACK_ID,
                               RevocationCause.REFUND, "ch_1", 1, 0, 0, "verify-1", 0, NOW));
    }

    @Test
    void aLostDisputeAfterAPartialRefundTakesAtMostWhatTheRefundLeft() {
        fixture.given(registered(), confirmed(), TRIAL, PACK, revoked(300, 333, 0, 0, 767))
               .when(new RevokeCredits(USER_ID, PACK_ID, "dispute/dp_1", 900, 900, RevocationCause.DISPUTE, "ch_1"))
               .expectEvents(new CreditsRevoked(USER_ID, "dispute/dp_1/900", "dispute/dp_1", PACK_ID,
                       RevocationCause.DISPUTE, "ch_1", 667, 0, 0, null, 100, NOW));
    }

    @Test
    void aRevocationOfAGrantTheAccountHasNotReceivedYetIsRefusedForALaterRetry() {
        fixture.given(registered(), confirmed(), TRIAL)
               .when(refunded(900))
               .expectException(UnknownGrantException.class)
               .expectNoEvents();
    }

    @Test
    void theBalanceNeverGoesBelowZeroEvenWhenEverythingWasSpent() {
        fixture.given(registered(), confirmed(), PACK_ALONE,
                       new CreditsReserved(USER_ID, "job-1", 1000, 0, 1000, NOW),
                       new CreditsCaptured(USER_ID, "job-1", 1000, 0, NOW))
               .when(refunded(900))
               .expectEvents(revoked(900, 0, 1000, 0, 0));
    }
}
