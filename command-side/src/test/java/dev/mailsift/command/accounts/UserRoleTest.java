package dev.mailsift.command.accounts;

import dev.mailsift.api.user.ChangeRole;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.mailsift.command.accounts.UserFixture.NOW;
import static dev.mailsift.command.accounts.UserFixture.USER_ID;
import static dev.mailsift.command.accounts.UserFixture.registered;
import static dev.mailsift.command.accounts.UserFixture.userFixture;

/** Operators grant and revoke the auditor role; the change is an event, and asking twice changes nothing. */
class UserRoleTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void grantingTheAuditorRoleIsAnEventThatNamesBothRoles() {
        fixture.given(registered())
               .when(new ChangeRole(USER_ID, UserRole.AUDITOR))
               .expectEvents(new RoleChanged(USER_ID, UserRole.AUDITOR, UserRole.USER, NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void grantingItAgainChangesNothing() {
        fixture.given(registered(), new RoleChanged(USER_ID, UserRole.AUDITOR, UserRole.USER, NOW))
               .when(new ChangeRole(USER_ID, UserRole.AUDITOR))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void revokingItReturnsTheAccountToAUser() {
        fixture.given(registered(), new RoleChanged(USER_ID, UserRole.AUDITOR, UserRole.USER, NOW))
               .when(new ChangeRole(USER_ID, UserRole.USER))
               .expectEvents(new RoleChanged(USER_ID, UserRole.USER, UserRole.AUDITOR, NOW));
        fixture.given(registered())
               .when(new ChangeRole(USER_ID, UserRole.USER))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void noOneIsMadeAnOperatorAndAnOperatorsRoleDoesNotChange() {
        fixture.given(registered())
               .when(new ChangeRole(USER_ID, UserRole.ADMIN))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered(UserRole.ADMIN))
               .when(new ChangeRole(USER_ID, UserRole.AUDITOR))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new ChangeRole(USER_ID, null))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }
}
