package dev.mailsift.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RcptOutcomeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "250|2.1.5 Ok|ACCEPTED",
            "251|User not local; will forward|ACCEPTED",
            "550|5.1.1 <x@y.com>: Recipient address rejected: User unknown|NOT_FOUND",
            "550|5.2.1 The email account that you tried to reach is disabled|NOT_FOUND",
            "550|No such user here|NOT_FOUND",
            "553|5.1.3 Bad recipient address syntax|NOT_FOUND",
            "552|5.2.2 Mailbox full|MAILBOX_FULL",
            "452|4.2.2 The email account that you tried to reach is over quota|MAILBOX_FULL",
            "554|5.7.1 Service unavailable; client host blocked using zen.spamhaus.org|BLOCKED",
            "550|5.7.606 Access denied, banned sending IP|BLOCKED",
            "550|Message rejected due to local policy|BLOCKED",
            "550|5.1.8 Sender address rejected: policy|BLOCKED",
            "554|Transaction failed|BLOCKED",
            "451|4.7.1 Greylisted, try again later|TRANSIENT",
            "450|4.2.0 Mailbox temporarily unavailable|TRANSIENT",
            "421|Service not available|TRANSIENT",
            "452|4.5.3 Too many recipients|TOO_MANY_RECIPIENTS",
            "252|Cannot VRFY user|ERROR",
            "500|5.5.1 Command unrecognized|ERROR",
    })
    void classifiesByCodeAndEnhancedCode(int code, String text, RcptOutcome expected) {
        assertThat(RcptOutcome.classify(SmtpReply.of(code, List.of(text)))).isEqualTo(expected);
    }
}
