package dev.mailsift.command.accounts;

import dev.mailsift.api.user.DisableTotp;
import dev.mailsift.api.user.EnableTotp;
import dev.mailsift.api.user.RecoveryCodeUsed;
import dev.mailsift.api.user.TotpDisabled;
import dev.mailsift.api.user.TotpEnabled;
import dev.mailsift.api.user.UseRecoveryCode;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.mailsift.command.accounts.UserFixture.*;

class TwoFactorTest {

    private static final List<String> CODES = IntStream.range(0, 10).mapToObj(i -> "r" + i).toList();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void enablingRecordsTheEncryptedSecretAndTenRecoveryCodes() {
        fixture.given(registered())
               .when(new EnableTotp("u1", "sealed", CODES))
               .expectEvents(new TotpEnabled("u1", "sealed", CODES, NOW));
    }

    @Test
    void enablingTwiceOrWithTheWrongNumberOfCodesIsRejected() {
        fixture.given(registered(), enabled())
               .when(new EnableTotp("u1", "sealed-2", CODES))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new EnableTotp("u1", "sealed", CODES.subList(0, 3)))
               .expectException(RejectedCommandException.class);
        fixture.given(registered())
               .when(new EnableTotp("u1", "", CODES))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        fixture.given(registered(), enabled())
               .when(new UseRecoveryCode("u1", "r3"))
               .expectEvents(new RecoveryCodeUsed("u1", "r3", 9, NOW));
        fixture.given(registered(), enabled(), new RecoveryCodeUsed("u1", "r3", 9, NOW))
               .when(new UseRecoveryCode("u1", "r3"))
               .expectException(InvalidCodeException.class)
               .expectNoEvents();
        fixture.given(registered(), enabled())
               .when(new UseRecoveryCode("u1", "not-a-code"))
               .expectException(InvalidCodeException.class);
    }

    @Test
    void disablingVoidsTheRecoveryCodesAndRepeatsChangeNothing() {
        fixture.given(registered(), enabled())
               .when(new DisableTotp("u1"))
               .expectEvents(new TotpDisabled("u1", NOW))
               .expectResultMessagePayload(true);
        fixture.given(registered(), enabled(), new TotpDisabled("u1", NOW))
               .when(new UseRecoveryCode("u1", "r1"))
               .expectException(InvalidCodeException.class);
        fixture.given(registered())
               .when(new DisableTotp("u1"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }


    private static TotpEnabled enabled() {
        return new TotpEnabled("u1", "sealed", CODES, NOW);
    }
}
