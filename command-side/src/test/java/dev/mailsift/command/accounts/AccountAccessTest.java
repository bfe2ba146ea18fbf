package dev.mailsift.command.accounts;

import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.ChangePassword;
import dev.mailsift.api.user.ConfirmEmail;
import dev.mailsift.api.user.EmailConfirmationIssued;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.ExternalIdentityLinked;
import dev.mailsift.api.user.LinkExternalIdentity;
import dev.mailsift.api.user.IssueEmailConfirmation;
import dev.mailsift.api.user.PasswordChangeReason;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.PasswordResetRequested;
import dev.mailsift.api.user.ReinstateUser;
import dev.mailsift.api.user.RequestPasswordReset;
import dev.mailsift.api.user.ResetPassword;
import dev.mailsift.api.user.SuspendUser;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserSuspended;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.mailsift.command.accounts.UserFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Email confirmation, password change and reset, suspension: the {@link AccountAccess} member of User. */
class AccountAccessTest {

    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    // --- email confirmation ---

    @Test
    void issuingAConfirmationRecordsTheCodeHashNotTheCode() {
        fixture.given(registered())
               .when(new IssueEmailConfirmation("u1", "code-hash", IN_AN_HOUR))
               .expectEvents(new EmailConfirmationIssued("u1", "ada@example.com", "code-hash", IN_AN_HOUR, NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void aConfirmedAddressNeedsNoCodeAndTheOperatorCountsAsConfirmed() {
        fixture.given(registered(), new EmailConfirmed("u1", "ada@example.com", NOW))
               .when(new IssueEmailConfirmation("u1", "code-hash", IN_AN_HOUR))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(new UserRegistered("u1", "op@example.com", "$2a$hash", UserRole.ADMIN, NOW, true))
               .when(new IssueEmailConfirmation("u1", "code-hash", IN_AN_HOUR))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void resendingIsLimitedToOnceAMinuteAndFiveADay() {
        fixture.given(registered(), issuedAt(NOW.minusSeconds(30)))
               .when(new IssueEmailConfirmation("u1", "again", IN_AN_HOUR))
               .expectException(CodeLimitReachedException.class)
               .expectNoEvents();

        List<Object> five = new ArrayList<>(List.of(registered()));
        for (int i = 5; i >= 1; i--) {
            five.add(issuedAt(NOW.minus(Duration.ofHours(i))));
        }
        fixture.given(five)
               .when(new IssueEmailConfirmation("u1", "sixth", IN_AN_HOUR))
               .expectException(CodeLimitReachedException.class);

        fixture.given(registered(), issuedAt(NOW.minus(Duration.ofHours(25))), issuedAt(NOW.minusSeconds(61)))
               .when(new IssueEmailConfirmation("u1", "ok", IN_AN_HOUR))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCodeLivingLongerThanTwoDaysOrAlreadyExpiredIsRejected() {
        fixture.given(registered())
               .when(new IssueEmailConfirmation("u1", "h", NOW.plus(Duration.ofDays(3))))
               .expectException(RejectedCommandException.class);
        fixture.given(registered())
               .when(new IssueEmailConfirmation("u1", "h", NOW))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void theRightCodeConfirmsTheAddress() {
        fixture.given(registered(), new EmailConfirmationIssued("u1", "ada@example.com", "h1", IN_AN_HOUR, NOW))
               .when(new ConfirmEmail("u1", "h1"))
               .expectEvents(new EmailConfirmed("u1", "ada@example.com", NOW));
    }

    @Test
    void aWrongAnExpiredOrAReplacedCodeDoesNot() {
        fixture.given(registered(), new EmailConfirmationIssued("u1", "ada@example.com", "h1", IN_AN_HOUR, NOW))
               .when(new ConfirmEmail("u1", "h2"))
               .expectException(InvalidCodeException.class)
               .expectNoEvents();
        fixture.given(registered(), new EmailConfirmationIssued("u1", "ada@example.com", "h1",
                       NOW.minusSeconds(1), NOW.minus(Duration.ofHours(1))))
               .when(new ConfirmEmail("u1", "h1"))
               .expectException(InvalidCodeException.class);
        fixture.given(registered(), issued("h1", NOW.minusSeconds(120)), issued("h2", NOW.minusSeconds(60)))
               .when(new ConfirmEmail("u1", "h1"))
               .expectException(InvalidCodeException.class);
        fixture.given(registered())
               .when(new ConfirmEmail("u1", "anything"))
               .expectException(InvalidCodeException.class);
    }

    @Test
    void repeatingTheCodeThatConfirmedSucceedsWithoutANewEvent() {
        fixture.given(registered(), issued("h1", NOW), new EmailConfirmed("u1", "ada@example.com", NOW))
               .when(new ConfirmEmail("u1", "h1"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- sign-in providers ---

    @Test
    void aProviderIdentityWithTheAccountsVerifiedAddressIsLinkedAndConfirmsIt() {
        fixture.given(registered())
               .when(new LinkExternalIdentity("u1", "google", "sub-1", "ADA@example.com"))
               .expectEvents(new ExternalIdentityLinked("u1", "google", "sub-1", "ada@example.com", NOW),
                       new EmailConfirmed("u1", "ada@example.com", NOW))
               .expectResultMessagePayload(true);
        fixture.given(registered(), new ExternalIdentityLinked("u1", "google", "sub-1", "ada@example.com", NOW),
                       new EmailConfirmed("u1", "ada@example.com", NOW))
               .when(new LinkExternalIdentity("u1", "google", "sub-1", "ada@example.com"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered())
               .when(new LinkExternalIdentity("u1", "google", "sub-1", "someone@else.com"))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    // --- passwords ---

    @Test
    void aResetCodeSetsANewPasswordOnce() {
        var requested = new PasswordResetRequested("u1", "ada@example.com", "r1", IN_AN_HOUR, NOW);
        fixture.given(registered())
               .when(new RequestPasswordReset("u1", "r1", IN_AN_HOUR))
               .expectEvents(requested);
        fixture.given(registered(), requested)
               .when(new ResetPassword("u1", "r1", "$2a$new"))
               .expectEvents(new PasswordChanged("u1", "$2a$new", PasswordChangeReason.RESET, NOW));
        fixture.given(registered(), requested,
                       new PasswordChanged("u1", "$2a$new", PasswordChangeReason.RESET, NOW))
               .when(new ResetPassword("u1", "r1", "$2a$newer"))
               .expectException(InvalidCodeException.class)
               .expectNoEvents();
    }

    @Test
    void anExpiredOrWrongResetCodeIsRefused() {
        fixture.given(registered(), new PasswordResetRequested("u1", "ada@example.com", "r1", NOW,
                       NOW.minus(Duration.ofMinutes(30))))
               .when(new ResetPassword("u1", "r1", "$2a$new"))
               .expectException(InvalidCodeException.class);
        fixture.given(registered(), new PasswordResetRequested("u1", "ada@example.com", "r1", IN_AN_HOUR, NOW))
               .when(new ResetPassword("u1", "wrong", "$2a$new"))
               .expectException(InvalidCodeException.class);
        fixture.given(registered())
               .when(new ResetPassword("u1", "r1", "$2a$new"))
               .expectException(InvalidCodeException.class);
    }

    @Test
    void changingThePasswordVoidsAnOutstandingResetCode() {
        fixture.given(registered())
               .when(new ChangePassword("u1", "$2a$changed"))
               .expectEvents(new PasswordChanged("u1", "$2a$changed", PasswordChangeReason.CHANGED, NOW));
        fixture.given(registered(), new PasswordResetRequested("u1", "ada@example.com", "r1", IN_AN_HOUR, NOW),
                       new PasswordChanged("u1", "$2a$changed", PasswordChangeReason.CHANGED, NOW))
               .when(new ResetPassword("u1", "r1", "$2a$new"))
               .expectException(InvalidCodeException.class);
    }

    @Test
    void resetRequestsAreLimitedLikeConfirmations() {
        fixture.given(registered(), new PasswordResetRequested("u1", "ada@example.com", "r1", IN_AN_HOUR,
                       NOW.minusSeconds(10)))
               .when(new RequestPasswordReset("u1", "r2", IN_AN_HOUR))
               .expectException(CodeLimitReachedException.class)
               .expectNoEvents();
    }

    // --- suspension ---

    @Test
    void suspendingAndReinstatingAreEventsAndRepeatsChangeNothing() {
        fixture.given(registered())
               .when(new SuspendUser("u1", "chargeback"))
               .expectEvents(new UserSuspended("u1", "chargeback", NOW))
               .expectResultMessagePayload(true);
        fixture.given(registered(), new UserSuspended("u1", "chargeback", NOW))
               .when(new SuspendUser("u1", "again"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered(), new UserSuspended("u1", "chargeback", NOW))
               .when(new ReinstateUser("u1"))
               .expectEvents(new UserReinstated("u1", NOW))
               .expectResultMessagePayload(true);
        fixture.given(registered())
               .when(new ReinstateUser("u1"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aSuspensionReasonIsBounded() {
        fixture.given(registered())
               .when(new SuspendUser("u1", "x".repeat(501)))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void theRootKnowsWhetherTheAccountMaySpend() {
        fixture.given(registered())
               .when(new SuspendUser("u1", "r"))
               .expectState(user -> assertThat(user.spendingBlockedBy()).isEqualTo(SpendingRefusal.ACCOUNT_SUSPENDED));
        fixture.given(registered())
               .when(new ReinstateUser("u1"))
               .expectState(user -> assertThat(user.spendingBlockedBy()).isEqualTo(SpendingRefusal.EMAIL_NOT_CONFIRMED));
        fixture.given(registered(), new EmailConfirmed("u1", "ada@example.com", NOW),
                       new UserSuspended("u1", "r", NOW))
               .when(new ReinstateUser("u1"))
               .expectState(user -> assertThat(user.maySpend()).isTrue());
    }


    private static EmailConfirmationIssued issuedAt(Instant at) {
        return new EmailConfirmationIssued("u1", "ada@example.com", "h-" + at, at.plus(Duration.ofHours(1)), at);
    }

    private static EmailConfirmationIssued issued(String hash, Instant at) {
        return new EmailConfirmationIssued("u1", "ada@example.com", hash, IN_AN_HOUR, at);
    }
}
