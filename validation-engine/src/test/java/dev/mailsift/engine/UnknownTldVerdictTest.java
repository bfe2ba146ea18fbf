package dev.mailsift.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailsift.engine.syntax.EmailSyntax;
import dev.mailsift.engine.syntax.SyntaxError;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UnknownTldVerdictTest {

    private static final EmailVerifier OFFLINE = EmailVerifier.builder().offline(true).build();

    @AfterAll
    static void close() {
        OFFLINE.close();
    }

    @Test
    void aWellFormedAddressUnderAnUndelegatedTldIsUndeliverableWithValidSyntax() {
        Verdict verdict = OFFLINE.verify("用户@例子.广告");

        assertThat(verdict.status()).isEqualTo(Status.UNDELIVERABLE);
        assertThat(verdict.reason()).isEqualTo(Reason.UNKNOWN_TLD);
        assertThat(verdict.reason().code()).isEqualTo("unknown_tld");
        assertThat(verdict.syntaxValid()).isTrue();
        assertThat(verdict.smtputf8()).isTrue();
        assertThat(verdict.normalizedEmail()).isNull();
        assertThat(verdict.detail()).isEqualTo("top-level domain .广告 is not delegated in the root zone");
        assertThat(verdict.billable()).isFalse();
    }

    @Test
    void aTypoedTldKeepsItsSuggestion() {
        Verdict verdict = OFFLINE.verify("john@gmail.con");

        assertThat(verdict.reason()).isEqualTo(Reason.UNKNOWN_TLD);
        assertThat(verdict.suggestion()).isEqualTo("john@gmail.com");
    }

    @Test
    void brokenSyntaxAndNumericTldsStayBadSyntaxAndFree() {
        List<Verdict> verdicts = OFFLINE.verifyAll(List.of("bad..dots@example.com", "user@example.123", "user@example.notatld."));

        assertThat(verdicts).extracting(Verdict::reason).containsOnly(Reason.BAD_SYNTAX);
        assertThat(verdicts).extracting(Verdict::syntaxValid).containsOnly(false);
        assertThat(verdicts).extracting(Verdict::billable).containsOnly(false);
    }

    @Test
    void syntaxStillCallsTheAddressInvalidSoIntakePricesItLikeBadSyntax() {
        var parsed = EmailSyntax.standard().parse("用户@例子.广告");

        assertThat(parsed.error()).isEqualTo(SyntaxError.UNKNOWN_TLD);
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.wellFormed()).isTrue();
        assertThat(EmailSyntax.standard().isValid("用户@例子.广告")).isFalse();
    }

    @Test
    void onlyWhatNeededAProbeOrLookupIsBillable() {
        Verdict accepted = new Verdict("a@example.org", Status.DELIVERABLE, Reason.ACCEPTED, true, "a@example.org",
                null, false, false, false, false, false, false, "mx.example.org", null, null);

        assertThat(accepted.billable()).isTrue();
        assertThat(accepted.withStatus(Status.UNDELIVERABLE, Reason.NO_DOMAIN, null).billable()).isTrue();
        assertThat(accepted.withStatus(Status.UNKNOWN, Reason.GREYLISTED, null).billable()).isFalse();
        assertThat(accepted.withStatus(Status.UNDELIVERABLE, Reason.UNKNOWN_TLD, null).billable()).isFalse();
    }
}
