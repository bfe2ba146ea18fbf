package dev.mailsift.command.accounts;

import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserSuspended;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static dev.mailsift.command.accounts.UserFixture.*;

/** Unconfirmed and suspended accounts cannot spend: the root's {@code maySpend()} gates {@code ReserveCredits}. */
class UserStandingTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void anUnconfirmedAccountCannotReserve() {
        fixture.given(registered(UserRole.USER), granted(100))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditReservationRejected("u1", "job-1", 10, 100, SpendingRefusal.EMAIL_NOT_CONFIRMED, NOW))
               .expectResultMessagePayload(false);
    }

    @Test
    void aSuspendedAccountCannotReserveUntilReinstated() {
        fixture.given(registered(UserRole.USER), confirmed(), granted(100), new UserSuspended("u1", "fraud", NOW))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditReservationRejected("u1", "job-1", 10, 100, SpendingRefusal.ACCOUNT_SUSPENDED, NOW));
        fixture.given(registered(UserRole.USER), confirmed(), granted(100), new UserSuspended("u1", "fraud", NOW),
                       new UserReinstated("u1", NOW))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditsReserved("u1", "job-1", 10, 90, 10, NOW));
    }

    @Test
    void theOperatorAccountCountsAsConfirmed() {
        fixture.given(registered(UserRole.ADMIN), granted(100))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditsReserved("u1", "job-1", 10, 90, 10, NOW));
    }



}
