package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserSuspended;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Unconfirmed and suspended accounts cannot spend: the root's {@code maySpend()} gates {@code ReserveCredits}. */
class UserStandingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(new UserTest.InMemoryEmailRegistry());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anUnconfirmedAccountCannotReserve() {
        fixture.given(registered(UserRole.USER), granted())
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditReservationRejected("u1", "job-1", 10, 100, "email_not_confirmed", NOW))
               .expectResultMessagePayload(false);
    }

    @Test
    void aSuspendedAccountCannotReserveUntilReinstated() {
        fixture.given(registered(UserRole.USER), confirmed(), granted(), new UserSuspended("u1", "fraud", NOW))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditReservationRejected("u1", "job-1", 10, 100, "account_suspended", NOW));
        fixture.given(registered(UserRole.USER), confirmed(), granted(), new UserSuspended("u1", "fraud", NOW),
                       new UserReinstated("u1", NOW))
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditsReserved("u1", "job-1", 10, 90, 10, NOW));
    }

    @Test
    void theOperatorAccountCountsAsConfirmed() {
        fixture.given(registered(UserRole.ADMIN), granted())
               .when(new ReserveCredits("u1", "job-1", 10))
               .expectEvents(new CreditsReserved("u1", "job-1", 10, 90, 10, NOW));
    }

    private static UserRegistered registered(UserRole role) {
        return new UserRegistered("u1", "ada@example.com", "$2a$hash", role, NOW);
    }

    private static EmailConfirmed confirmed() {
        return new EmailConfirmed("u1", "ada@example.com", NOW);
    }

    private static CreditsGranted granted() {
        return new CreditsGranted("u1", "g1", 100, "test", 100, NOW);
    }
}
