package dev.mailsift.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.support.PipeliningSmtpServer;
import dev.mailsift.engine.support.PipeliningSmtpServer.Options;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Answer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Greylist;
import dev.mailsift.engine.support.ScriptedSmtpServer.Reject;
import dev.mailsift.engine.support.TestDnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 2920 pipelining and several sessions per domain, against SMTP servers on loopback that answer every command
 * 30 ms after it arrived: one that offers PIPELINING and one that does not, with the same script.
 */
class SmtpPipeliningTest {

    static TestDnsServer dns;
    static PipeliningSmtpServer pipelining;
    static PipeliningSmtpServer lockstep;

    /** Local parts name their answer; any address of a catchall.* domain is accepted. */
    static Answer script(String rcpt) {
        String local = rcpt.substring(0, rcpt.indexOf('@'));
        if (rcpt.substring(rcpt.indexOf('@') + 1).startsWith("catchall.")) {
            return ScriptedSmtpServer.ACCEPT;
        }
        if (local.startsWith("bad")) {
            return new Reject(550, "5.1.1 The email account that you tried to reach does not exist");
        }
        return switch (local) {
            case "plain" -> new Reject(550, "No such user here");
            case "full" -> new Reject(552, "5.2.2 Mailbox full");
            case "blocked" -> new Reject(554, "5.7.1 Service unavailable; client host blocked using Spamhaus");
            case "grey" -> new Greylist();
            case "later" -> new Reject(450, "4.2.0 Mailbox temporarily unavailable");
            case "busy" -> new Reject(421, "4.3.2 Service shutting down");
            default -> local.startsWith("ms") && local.length() == 16 ? new Reject(550, "5.1.1 no such user")
                    : ScriptedSmtpServer.ACCEPT;
        };
    }

    @BeforeAll
    static void start() throws Exception {
        pipelining = new PipeliningSmtpServer("127.0.0.9", 0, Options.pipelining(30), SmtpPipeliningTest::script);
        lockstep = new PipeliningSmtpServer("127.0.0.10", pipelining.port(), Options.lockstep(30), SmtpPipeliningTest::script);
        dns = new TestDnsServer();
        dns.a("mx.pipe.test.org", "127.0.0.9").a("mx.lock.test.org", "127.0.0.10");
        for (String kind : List.of("pipe", "lock")) {
            dns.mx(kind + ".test.org", 10, "mx." + kind + ".test.org");
            dns.mx("catchall." + kind + ".test.org", 10, "mx." + kind + ".test.org");
            dns.mx("many." + kind + ".test.org", 10, "mx." + kind + ".test.org");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pipelining.close();
        lockstep.close();
        dns.close();
    }

    static EmailVerifier verifier(int maxPerHost, int maxRecipientsPerSession) {
        return EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(pipelining.port())
                .heloName("probe.mailsift.test").commandTimeout(Duration.ofSeconds(5)).greylistDelay(Duration.ofMillis(200))
                .maxConnectionsPerHost(maxPerHost).maxRecipientsPerSession(maxRecipientsPerSession).build();
    }

    static List<String> mixedList(String kind) {
        List<String> list = new ArrayList<>();
        for (String local : List.of("alice", "bad1", "plain", "bob", "grey", "full", "later", "blocked", "carol", "bad2")) {
            list.add(local + "@" + kind + ".test.org");
        }
        list.add("anyone@catchall." + kind + ".test.org");
        list.add("bad3@catchall." + kind + ".test.org");
        for (int i = 0; i < 40; i++) {
            list.add((i % 4 == 0 ? "bad" : "user") + i + "@many." + kind + ".test.org");
        }
        return list;
    }

    @Test
    void pipelinedVerdictsAreTheSameAsOneCommandAtATime() {
        List<Verdict> pipelined;
        List<Verdict> oneAtATime;
        try (EmailVerifier v = verifier(3, 7)) {
            pipelined = v.verifyAll(mixedList("pipe"));
        }
        try (EmailVerifier v = verifier(3, 7)) {
            oneAtATime = v.verifyAll(mixedList("lock"));
        }
        assertThat(pipelining.maxCommandsAwaitingReply()).as("the client pipelined").isGreaterThan(1);
        assertThat(lockstep.maxCommandsAwaitingReply()).as("no pipelining without the extension").isEqualTo(1);
        for (int i = 0; i < pipelined.size(); i++) {
            Verdict p = pipelined.get(i);
            Verdict l = oneAtATime.get(i);
            assertThat(List.<Object>of(p.status(), p.reason(), p.catchAll(), p.mailboxFull()))
                    .as(p.email() + " " + p.detail() + " / " + l.email() + " " + l.detail())
                    .isEqualTo(List.<Object>of(l.status(), l.reason(), l.catchAll(), l.mailboxFull()));
        }
        assertThat(pipelined).extracting(Verdict::reason).startsWith(Reason.ACCEPTED, Reason.MAILBOX_NOT_FOUND,
                Reason.MAILBOX_NOT_FOUND, Reason.ACCEPTED, Reason.ACCEPTED, Reason.MAILBOX_FULL, Reason.GREYLISTED,
                Reason.BLOCKED, Reason.ACCEPTED, Reason.MAILBOX_NOT_FOUND, Reason.CATCH_ALL, Reason.CATCH_ALL);
        for (int i = 12; i < pipelined.size(); i++) {
            assertThat(pipelined.get(i).status()).as(pipelined.get(i).email())
                    .isEqualTo((i - 12) % 4 == 0 ? Status.UNDELIVERABLE : Status.DELIVERABLE);
        }
        // Greylisted once, accepted on the retry; the 450 that stays is asked twice, then unknown.
        assertThat(pipelining.rcptCount("grey@pipe.test.org")).isEqualTo(2);
        assertThat(lockstep.rcptCount("grey@lock.test.org")).isEqualTo(2);
        assertThat(pipelining.rcptCount("later@pipe.test.org")).isEqualTo(2);
    }

    @Test
    void aServerClosingMidGroupLeavesTheRestTemporaryAndRetriesThem() {
        try (EmailVerifier v = verifier(1, 25)) {
            List<Verdict> out = v.verifyAll(List.of("alice@pipe.test.org", "busy@pipe.test.org", "bob@pipe.test.org",
                    "bad9@pipe.test.org"));
            assertThat(out.get(0).reason()).isEqualTo(Reason.ACCEPTED);
            assertThat(out.get(1).reason()).isEqualTo(Reason.GREYLISTED);
            assertThat(pipelining.rcptCount("busy@pipe.test.org")).isEqualTo(2);
            // Asked in the same group after the 421: no answer came, so they are temporary, asked again after the delay.
            assertThat(out.get(2).status()).isIn(Status.DELIVERABLE, Status.UNKNOWN);
            assertThat(out.get(3).status()).isIn(Status.UNDELIVERABLE, Status.UNKNOWN);
        }
    }

    @Test
    void aDomainWithManyAddressesUsesSessionsUpToTheCapAndNeverMore() throws Exception {
        try (PipeliningSmtpServer busy = new PipeliningSmtpServer("127.0.0.11", pipelining.port(), Options.pipelining(20),
                     SmtpPipeliningTest::script);
             EmailVerifier v = verifier(3, 25)) {
            dns.a("mx.busy.test.org", "127.0.0.11");
            List<String> list = new ArrayList<>();
            dns.mx("big.busy.test.org", 10, "mx.busy.test.org");
            for (int i = 0; i < 400; i++) {
                list.add((i % 5 == 0 ? "bad" : "user") + i + "@big.busy.test.org");
            }
            for (int d = 0; d < 6; d++) {
                dns.mx("small" + d + ".busy.test.org", 10, "mx.busy.test.org");
                for (int i = 0; i < 5; i++) {
                    list.add((i == 0 ? "bad" : "user") + i + "@small" + d + ".busy.test.org");
                }
            }
            List<Verdict> out = v.verifyAll(list);
            for (Verdict verdict : out) {
                assertThat(verdict.status()).as(verdict.email() + " " + verdict.detail())
                        .isEqualTo(verdict.email().startsWith("bad") ? Status.UNDELIVERABLE : Status.DELIVERABLE);
            }
            assertThat(busy.maxConcurrentSessions()).isLessThanOrEqualTo(3);
            assertThat(v.hostLimiter().maxConcurrentSeen()).isLessThanOrEqualTo(3);
        }
        try (PipeliningSmtpServer alone = new PipeliningSmtpServer("127.0.0.12", pipelining.port(), Options.pipelining(20),
                     SmtpPipeliningTest::script);
             EmailVerifier v = verifier(3, 25)) {
            dns.a("mx.alone.test.org", "127.0.0.12").mx("big.alone.test.org", 10, "mx.alone.test.org");
            List<String> list = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                list.add("user" + i + "@big.alone.test.org");
            }
            assertThat(v.verifyAll(list)).extracting(Verdict::status).containsOnly(Status.DELIVERABLE);
            // One domain alone on its host: the first session brings in helpers up to the cap.
            assertThat(alone.maxConcurrentSessions()).isEqualTo(3);
            assertThat(alone.sessionsStarted()).isEqualTo(3);
        }
    }

    @Test
    void aServerWithoutPipeliningGetsOneCommandAtATimeAndHelpersToo() throws Exception {
        try (PipeliningSmtpServer plain = new PipeliningSmtpServer("127.0.0.13", pipelining.port(), Options.lockstep(20),
                     SmtpPipeliningTest::script);
             EmailVerifier v = verifier(4, 25)) {
            dns.a("mx.plain.test.org", "127.0.0.13").mx("big.plain.test.org", 10, "mx.plain.test.org");
            List<String> list = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                list.add((i % 3 == 0 ? "bad" : "user") + i + "@big.plain.test.org");
            }
            List<Verdict> out = v.verifyAll(list);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).status()).as(out.get(i).email() + " " + out.get(i).detail())
                        .isEqualTo(i % 3 == 0 ? Status.UNDELIVERABLE : Status.DELIVERABLE);
            }
            assertThat(plain.maxCommandsAwaitingReply()).isEqualTo(1);
            assertThat(plain.maxConcurrentSessions()).isEqualTo(4);
        }
    }

    @Test
    void pipelinedTransactionsAdaptToAServerRecipientLimit() throws Exception {
        try (PipeliningSmtpServer limited = new PipeliningSmtpServer("127.0.0.14", pipelining.port(),
                     Options.pipelining(5).maxRecipients(3), SmtpPipeliningTest::script);
             EmailVerifier v = verifier(2, 10)) {
            dns.a("mx.limited.test.org", "127.0.0.14").mx("limited.test.org", 10, "mx.limited.test.org");
            List<String> list = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                list.add((i % 5 == 0 ? "bad" : "user") + i + "@limited.test.org");
            }
            List<Verdict> out = v.verifyAll(list);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).status()).as(out.get(i).email() + " " + out.get(i).detail())
                        .isEqualTo(i % 5 == 0 ? Status.UNDELIVERABLE : Status.DELIVERABLE);
            }
            for (String address : list) {
                assertThat(limited.rcptCount(address)).as(address).isBetween(1, 2);
            }
            assertThat(limited.maxConcurrentSessions()).isLessThanOrEqualTo(2);
        }
    }
}
