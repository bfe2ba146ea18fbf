package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import org.assertj.core.groups.Tuple;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.mailsift.command.accounts.UserFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The balance's lots, derived from the events the account already stores (decision 0036). */
class CreditLotsTest {

    private static final CreditsGranted TRIAL = new CreditsGranted(USER_ID, "sign-up/u1", 100, "trial", 100, NOW,
            CreditSource.SIGN_UP);
    private static final CreditsGranted PACK = new CreditsGranted(USER_ID, "checkout/cs_1", 1000, "pack", 1100, NOW,
            CreditSource.PACK_PURCHASE);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void eachGrantIsALotWithItsSourceAndAllOfItsCreditsRemaining() {
        fixture.given(registered(), confirmed(), TRIAL)
               .when(new GrantCredits(USER_ID, "checkout/cs_1", 1000, "pack", CreditSource.PACK_PURCHASE))
               .expectEvents(PACK)
               .expectState(user -> assertThat(user.credits().lots())
                       .extracting(CreditLot::grantId, CreditLot::source, CreditLot::amount, CreditLot::remaining)
                       .containsExactly(tuple("sign-up/u1", CreditSource.SIGN_UP, 100L, 100L),
                               tuple("checkout/cs_1", CreditSource.PACK_PURCHASE, 1000L, 1000L)));
    }

    @Test
    void aReservationTakesTheOldestLotFirstAndSpillsIntoTheNext() {
        fixture.given(registered(), confirmed(), TRIAL, PACK)
               .when(new ReserveCredits(USER_ID, "job-1", 150))
               .expectEvents(new CreditsReserved(USER_ID, "job-1", 150, 950, 150, NOW))
               .expectState(user -> assertLots(user, tuple("sign-up/u1", 0L, 100L), tuple("checkout/cs_1", 950L, 50L)));
    }

    @Test
    void aCaptureSpendsWhatTheReservationTookFirstAndTheReleaseGoesBackToItsOwnLot() {
        fixture.given(registered(), confirmed(), TRIAL, PACK,
                       new CreditsReserved(USER_ID, "job-1", 150, 950, 150, NOW))
               .when(new SettleReservation(USER_ID, "job-1", 120))
               .expectEvents(new CreditsCaptured(USER_ID, "job-1", 120, 30, NOW),
                       new CreditsReleased(USER_ID, "job-1", 30, 980, 0, NOW))
               .expectState(user -> assertLots(user, tuple("sign-up/u1", 0L, 0L), tuple("checkout/cs_1", 980L, 0L)));
    }

    @Test
    void anExpiredHoldGivesEveryCreditBackToTheLotItCameFrom() {
        fixture.given(registered(), confirmed(), TRIAL, PACK,
                       new CreditsReserved(USER_ID, "job-1", 150, 950, 150, NOW),
                       new CreditReservationExpired(USER_ID, "job-1", 150, 1100, 0, NOW))
               .when(new ReserveCredits(USER_ID, "job-2", 1))
               .expectEvents(new CreditsReserved(USER_ID, "job-2", 1, 1099, 1, NOW))
               .expectState(user -> assertLots(user, tuple("sign-up/u1", 99L, 1L), tuple("checkout/cs_1", 1000L, 0L)));
    }

    @Test
    void theLotsAlwaysAddUpToWhatIsAvailableAndReserved() {
        fixture.given(registered(), confirmed(), TRIAL, PACK,
                       new CreditsReserved(USER_ID, "job-1", 150, 950, 150, NOW),
                       new CreditsCaptured(USER_ID, "job-1", 40, 110, NOW),
                       new CreditsReserved(USER_ID, "job-2", 500, 450, 610, NOW))
               .when(new SettleReservation(USER_ID, "job-1", 0))
               .expectEvents(new CreditsReleased(USER_ID, "job-1", 110, 560, 500, NOW))
               .expectState(user -> {
                   CreditBalance balance = user.credits();
                   assertThat(balance.lots().stream().mapToLong(lot -> lot.remaining() + lot.held()).sum())
                           .isEqualTo(balance.available() + balance.reserved()).isEqualTo(1060);
                   assertLots(user, tuple("sign-up/u1", 60L, 0L), tuple("checkout/cs_1", 500L, 500L));
               });
    }

    /** The account's lots, oldest first, as (grant, credits remaining, credits held). */
    private static void assertLots(User user, Tuple... lots) {
        assertThat(user.credits().lots())
                .extracting(CreditLot::grantId, CreditLot::remaining, CreditLot::held)
                .containsExactly(lots);
    }
}
