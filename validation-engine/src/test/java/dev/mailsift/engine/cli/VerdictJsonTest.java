package dev.mailsift.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI writes verdicts without Jackson; these hold it to the bytes Jackson writes for the same verdicts. */
class VerdictJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static final List<String> MIXED = List.of("john@gmial.com", "bad..dots@example.com", "info@mailsift-test.dev",
            "someone@mailinator.com", "Jane.Doe+x@GMAIL.com", "用户@例子.广告", "josé@correo.es", "müller@bücher.de",
            "\"quoted local\"@example.org", "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]", "no-at-sign", "@example.com",
            "a\"b\\c@example.com", "tab\there@example.com", "bell\u0007@example.com", "del\u007f@example.com",
            "john@gmail.con", "x@xn--example.com", "emoji😀@example.com", "ctl\u001f\u0000@example.com", "line\u2028sep@example.com",
            "lone\ud800surrogate@example.com", "ß@straße.de");

    /** Jackson's line as the CLI used to print it: through a UTF-8 encoder, which writes a lone surrogate as '?'. */
    private static String jackson(Verdict v) throws Exception {
        return new String(JACKSON.writeValueAsString(v).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String ours(Verdict v) {
        return new VerdictJson(16).add(v).toString();
    }

    @Test
    void everyOfflineVerdictIsWrittenAsJacksonWritesIt() throws Exception {
        try (EmailVerifier offline = EmailVerifier.builder().offline(true).build()) {
            for (Verdict v : offline.verifyAll(MIXED)) {
                assertThat(ours(v)).isEqualTo(jackson(v) + "\n");
            }
        }
    }

    @Test
    void nullsControlCharactersQuotesAndEveryFlagAreWrittenAsJacksonWritesThem() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(new Verdict(null, null, null, false, null, null, false, false, false, false, false, false, null, null, null));
        for (Status status : Status.values()) {
            for (Reason reason : Reason.values()) {
                verdicts.add(new Verdict("a@b.c", status, reason, true, "n\"o\\rm", "s\r\n\b\f\t", true, true, true, true,
                        true, true, "mx.\u0001host", "prov/ider", "550 5.1.1 <x@y> \"no\" \\ such\u0019user é 😀"));
            }
        }
        for (Verdict v : verdicts) {
            assertThat(ours(v)).isEqualTo(jackson(v) + "\n");
        }
    }

    @Test
    void verifyFromStdinPrintsJacksonsBytesLineByLineInInputOrder() throws Exception {
        StringBuilder stdin = new StringBuilder();
        for (int round = 0; round < 600; round++) {
            for (String address : MIXED) {
                stdin.append(address).append('\n');
            }
        }
        byte[] input = stdin.toString().getBytes(StandardCharsets.UTF_8);
        // What the CLI reads: the UTF-8 bytes decoded again (a lone surrogate went out as '?'), stripped, blanks skipped.
        List<String> expectedInput = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            if (!line.strip().isEmpty()) {
                expectedInput.add(line.strip());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = MailSiftCli.run(new String[] {"verify", "--offline", "--stdin"},
                new ByteArrayInputStream(input),
                new PrintStream(out, false, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        StringBuilder expected = new StringBuilder();
        try (EmailVerifier offline = EmailVerifier.builder().offline(true).build()) {
            for (Verdict v : offline.verifyAll(expectedInput)) {
                expected.append(jackson(v)).append('\n');
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
}
