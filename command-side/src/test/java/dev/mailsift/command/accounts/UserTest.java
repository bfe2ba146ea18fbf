package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.command.RejectedCommandException;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserRole;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static dev.mailsift.command.accounts.UserFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class UserTest {


    private final UserFixture.InMemoryEmailRegistry emails = new UserFixture.InMemoryEmailRegistry();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture(emails);
    }

    @Test
    void registeringOpensTheAccountWithALowerCasedAddress() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u1", " Ada@Example.COM ", "$2a$hash", null))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new UserRegistered("u1", "ada@example.com", "$2a$hash", UserRole.USER, NOW, false));
        assertThat(emails.ownerOf("ada@example.com")).contains("u1");
    }

    @Test
    void registeringAnAddressInUseIsRejectedAndAppliesNothing() {
        emails.claim("ada@example.com", "someone-else");
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u1", "ADA@example.com", "$2a$hash", UserRole.USER))
               .expectException(EmailAlreadyRegisteredException.class)
               .expectNoEvents();
    }

    @Test
    void registeringWithoutAnAddressIsRejected() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u1", "not-an-address", "$2a$hash", UserRole.USER))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void grantingCreditsRaisesTheBalance() {
        fixture.given(registered(), new CreditsGranted("u1", "g1", 100, "welcome", 100, NOW, CreditSource.OPERATOR))
               .when(new GrantCredits("u1", "g2", 250, "support", CreditSource.OPERATOR))
               .expectEvents(new CreditsGranted("u1", "g2", 250, "support", 350, NOW, CreditSource.OPERATOR))
               .expectResultMessagePayload(350L);
    }

    @Test
    void theSameGrantTwiceAddsCreditsOnce() {
        fixture.given(registered(), new CreditsGranted("u1", "g1", 100, "welcome", 100, NOW, CreditSource.OPERATOR))
               .when(new GrantCredits("u1", "g1", 100, "welcome", CreditSource.OPERATOR))
               .expectNoEvents()
               .expectResultMessagePayload(100L);
    }

    @Test
    void aGrantBelowOneCreditIsRejected() {
        fixture.given(registered())
               .when(new GrantCredits("u1", "g1", 0, "nothing", CreditSource.OPERATOR))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }


    /** The registry's contract in memory: the JDBC one is exercised by the HTTP integration tests. */
}
