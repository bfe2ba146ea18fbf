package dev.mailsift.engine.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Reason;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Answer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Drop;
import dev.mailsift.engine.support.ScriptedSmtpServer.Greylist;
import dev.mailsift.engine.support.ScriptedSmtpServer.Reject;
import dev.mailsift.engine.support.ScriptedSmtpServer.Stall;
import dev.mailsift.engine.support.TestDnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/** The whole online path against a real DNS responder and real SMTP servers, in-process. */
class SmtpVerificationTest {

    static TestDnsServer dns;
    static ScriptedSmtpServer smtp;
    static ScriptedSmtpServer tlsOnly;
    static EmailVerifier verifier;

    static Answer script(String rcpt) {
        String local = rcpt.substring(0, rcpt.indexOf('@'));
        String domain = rcpt.substring(rcpt.indexOf('@') + 1);
        if (domain.equals("catchall.test.org")) {
            return ScriptedSmtpServer.ACCEPT;
        }
        return switch (local) {
            case "alice", "info", "bob", "jöhn" -> ScriptedSmtpServer.ACCEPT;
            case "full" -> new Reject(552, "5.2.2 Mailbox full");
            case "blocked" -> new Reject(554, "5.7.1 Service unavailable; client host blocked using Spamhaus");
            case "grey" -> new Greylist();
            case "stall" -> new Stall(1_200);
            case "drop" -> new Drop();
            case "policy" -> new Reject(550, "5.7.1 Recipient address rejected: Access denied");
            case "plainreject" -> new Reject(550, "No such user here");
            case "busy" -> new Reject(421, "4.3.2 Service shutting down");
            default -> new Reject(550, "5.1.1 The email account that you tried to reach does not exist");
        };
    }

    @BeforeAll
    static void start() throws Exception {
        smtp = ScriptedSmtpServer.start("127.0.0.1", 0, false, SmtpVerificationTest::script);
        int port = smtp.port();
        tlsOnly = ScriptedSmtpServer.start("127.0.0.3", port, true, SmtpVerificationTest::script);
        dns = new TestDnsServer();
        for (String d : List.of("test.org", "catchall.test.org")) {
            dns.mx(d, 10, "mx.test.org");
        }
        dns.a("mx.test.org", "127.0.0.1");
        // Fallback: the preferred MX refuses connections (nothing listens on 127.0.0.2).
        dns.mx("fallback.test.org", 5, "dead.test.org").mx("fallback.test.org", 10, "mx.test.org");
        dns.a("dead.test.org", "127.0.0.2");
        dns.mx("tls.test.org", 10, "tls.test.org").a("tls.test.org", "127.0.0.3");
        dns.mx("nullmx.test.org", 0, ".");
        dns.exists("nomx.test.org");
        dns.rcode("servfail.test.org", Rcode.SERVFAIL);
        dns.a("implicit.test.org", "127.0.0.1");
        dns.mx("mailinator.com", 10, "mx.test.org");
        verifier = EmailVerifier.builder()
                .dnsServer("127.0.0.1", dns.port())
                .dnsTimeout(Duration.ofMillis(1000))
                .smtpPort(port)
                .heloName("probe.mailsift.test")
                .mailFrom("probe@mailsift.test")
                // long enough for a TLS handshake on a loaded machine, short enough for the stall test to stay quick
                .connectTimeout(Duration.ofMillis(1000))
                .commandTimeout(Duration.ofMillis(1000))
                .greylistDelay(Duration.ofMillis(200))
                .build();
    }

    @AfterAll
    static void stop() {
        verifier.close();
        smtp.close();
        tlsOnly.close();
        dns.close();
    }

    private static void assertVerdict(Verdict v, Status status, Reason reason) {
        assertThat(v.status()).as(v.email() + " " + v.detail()).isEqualTo(status);
        assertThat(v.reason()).as(v.email() + " " + v.detail()).isEqualTo(reason);
    }

    @Test
    void acceptedMailboxIsDeliverable() {
        Verdict v = verifier.verify("alice@test.org");
        assertVerdict(v, Status.DELIVERABLE, Reason.ACCEPTED);
        assertThat(v.mxHost()).isEqualTo("mx.test.org");
        assertThat(v.catchAll()).isFalse();
    }

    @Test
    void unknownMailboxIsUndeliverableBy511AndByPlain550() {
        assertVerdict(verifier.verify("nobody@test.org"), Status.UNDELIVERABLE, Reason.MAILBOX_NOT_FOUND);
        assertVerdict(verifier.verify("plainreject@test.org"), Status.UNDELIVERABLE, Reason.MAILBOX_NOT_FOUND);
    }

    @Test
    void catchAllDomainIsRisky() {
        Verdict v = verifier.verify("anyone@catchall.test.org");
        assertVerdict(v, Status.RISKY, Reason.CATCH_ALL);
        assertThat(v.catchAll()).isTrue();
    }

    @Test
    void fullMailboxIsRiskyAndFlagged() {
        Verdict v = verifier.verify("full@test.org");
        assertVerdict(v, Status.RISKY, Reason.MAILBOX_FULL);
        assertThat(v.mailboxFull()).isTrue();
    }

    @Test
    void policyBlocksAreNeverUndeliverable() {
        assertVerdict(verifier.verify("blocked@test.org"), Status.UNKNOWN, Reason.BLOCKED);
        assertVerdict(verifier.verify("policy@test.org"), Status.UNKNOWN, Reason.BLOCKED);
    }

    @Test
    void greylistingIsRetriedAfterTheDelay() {
        Verdict v = verifier.verify("grey@test.org");
        assertVerdict(v, Status.DELIVERABLE, Reason.ACCEPTED);
        assertThat(smtp.rcptCount("grey@test.org")).isEqualTo(2);
    }

    @Test
    void serverClosingIsTemporaryAndRetried() {
        List<Verdict> out = verifier.verifyAll(List.of("busy@test.org", "bob@test.org"));
        assertVerdict(out.get(0), Status.UNKNOWN, Reason.GREYLISTED);
        assertThat(smtp.rcptCount("busy@test.org")).isEqualTo(2);
        assertThat(out.get(1).status()).isIn(Status.DELIVERABLE, Status.UNKNOWN);
    }

    @Test
    void stallPastTheTimeoutIsUnknown() {
        long t0 = System.nanoTime();
        assertVerdict(verifier.verify("stall@test.org"), Status.UNKNOWN, Reason.SMTP_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void droppedConnectionIsUnknown() {
        assertVerdict(verifier.verify("drop@test.org"), Status.UNKNOWN, Reason.SMTP_ERROR);
    }

    @Test
    void startTlsIsUsedWhenOffered() {
        // This server answers 530 to MAIL FROM unless the session was upgraded with STARTTLS.
        assertVerdict(verifier.verify("alice@tls.test.org"), Status.DELIVERABLE, Reason.ACCEPTED);
    }

    @Test
    void fallsBackToTheNextMx() {
        Verdict v = verifier.verify("alice@fallback.test.org");
        assertVerdict(v, Status.DELIVERABLE, Reason.ACCEPTED);
        assertThat(v.mxHost()).isEqualTo("mx.test.org");
    }

    @Test
    void dnsOutcomes() {
        assertVerdict(verifier.verify("a@nullmx.test.org"), Status.UNDELIVERABLE, Reason.NULL_MX);
        assertVerdict(verifier.verify("a@nomx.test.org"), Status.UNDELIVERABLE, Reason.NO_MX);
        assertVerdict(verifier.verify("a@missing.test.org"), Status.UNDELIVERABLE, Reason.NO_DOMAIN);
        assertVerdict(verifier.verify("a@servfail.test.org"), Status.UNKNOWN, Reason.DNS_ERROR);
        assertVerdict(verifier.verify("alice@implicit.test.org"), Status.DELIVERABLE, Reason.ACCEPTED);
    }

    @Test
    void roleAndDisposableAreRisky() {
        assertVerdict(verifier.verify("info@test.org"), Status.RISKY, Reason.ROLE_ACCOUNT);
        Verdict d = verifier.verify("alice@mailinator.com");
        assertVerdict(d, Status.RISKY, Reason.DISPOSABLE);
        assertThat(d.disposable()).isTrue();
    }

    @Test
    void verifyAllKeepsInputOrderAndSharesSessions() {
        List<String> in = List.of("alice@test.org", "bad..syntax@test.org", "nobody@test.org", "bob@test.org",
                "anyone@catchall.test.org", "Alice@test.org");
        List<Verdict> out = verifier.verifyAll(in);
        assertThat(out).extracting(Verdict::email).containsExactlyElementsOf(in);
        assertThat(out).extracting(Verdict::status).containsExactly(Status.DELIVERABLE, Status.UNDELIVERABLE,
                Status.UNDELIVERABLE, Status.DELIVERABLE, Status.RISKY, Status.DELIVERABLE);
    }

    @Test
    void perHostConnectionCapHolds() throws Exception {
        try (ScriptedSmtpServer slow = ScriptedSmtpServer.start("127.0.0.4", smtp.port(), false, r -> ScriptedSmtpServer.ACCEPT)
                .commandDelay(20);
             EmailVerifier capped = EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(smtp.port())
                     .commandTimeout(Duration.ofSeconds(2)).maxConnectionsPerHost(2).build()) {
            List<String> addresses = new ArrayList<>();
            for (int d = 0; d < 12; d++) {
                dns.mx("cap" + d + ".test.org", 10, "slow.test.org");
                addresses.add("user@cap" + d + ".test.org");
            }
            dns.a("slow.test.org", "127.0.0.4");
            List<Verdict> out = capped.verifyAll(addresses);
            assertThat(out).allSatisfy(v -> assertThat(v.status()).isEqualTo(Status.RISKY)); // accepts all: catch-all
            assertThat(slow.sessionsStarted()).isEqualTo(12);
            assertThat(slow.maxConcurrentSessions()).isLessThanOrEqualTo(2);
            assertThat(capped.hostLimiter().maxConcurrentSeen()).isEqualTo(2);
        }
    }

    @Test
    void socks5ProxyCarriesTheSession() throws Exception {
        try (dev.mailsift.engine.support.TestSocks5Proxy proxy = new dev.mailsift.engine.support.TestSocks5Proxy();
             EmailVerifier viaProxy = EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(smtp.port())
                     .commandTimeout(Duration.ofSeconds(2)).socksProxy("127.0.0.1", proxy.port()).build()) {
            assertVerdict(viaProxy.verify("bob@test.org"), Status.DELIVERABLE, Reason.ACCEPTED);
            assertThat(proxy.connects()).isEqualTo(1);
        }
    }

    @Test
    void cliVerifiesOnlineWithConfiguredServers() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = dev.mailsift.engine.cli.MailSiftCli.run(new String[] {"verify", "--dns-server", "127.0.0.1:" + dns.port(),
                        "--smtp-port", String.valueOf(smtp.port()), "--helo", "probe.mailsift.test", "--from", "probe@mailsift.test",
                        "--timeout", "300", "--greylist-delay", "200", "alice@test.org", "nobody@test.org", "x@nullmx.test.org"},
                new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isZero();
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("\"status\":\"deliverable\"").contains("\"mx_host\":\"mx.test.org\"");
        assertThat(lines[1]).contains("\"reason\":\"mailbox_not_found\"");
        assertThat(lines[2]).contains("\"reason\":\"null_mx\"");
    }

    @Test
    void offlineModeTouchesNoNetwork() throws Exception {
        try (TestDnsServer quietDns = new TestDnsServer();
             ScriptedSmtpServer quietSmtp = ScriptedSmtpServer.start("127.0.0.5", smtp.port(), false, r -> ScriptedSmtpServer.ACCEPT);
             EmailVerifier offline = EmailVerifier.builder().offline(true).dnsServer("127.0.0.1", quietDns.port())
                     .smtpPort(smtp.port()).build()) {
            quietDns.mx("quiet.test.org", 10, "mx.quiet.test.org").a("mx.quiet.test.org", "127.0.0.5");
            List<Verdict> out = offline.verifyAll(List.of("alice@quiet.test.org", "info@quiet.test.org", "x@mailinator.com"));
            assertThat(out).extracting(Verdict::reason).containsExactly(Reason.NOT_CHECKED, Reason.NOT_CHECKED, Reason.DISPOSABLE);
            assertThat(quietDns.queriesFor("quiet.test.org", org.xbill.DNS.Type.MX)).isZero();
            assertThat(quietSmtp.sessionsStarted()).isZero();
        }
    }

    @Test
    void manyAddressesOfOneDomainShareFewSessionsAndSurviveRecipientLimits() throws Exception {
        try (ScriptedSmtpServer limited = ScriptedSmtpServer.start("127.0.0.6", smtp.port(), false,
                     r -> r.startsWith("bad") ? new Reject(550, "5.1.1 no such user") : r.startsWith("ms") ? new Reject(550, "5.1.1 no")
                             : ScriptedSmtpServer.ACCEPT, b -> b.maxRecipients(3));
             EmailVerifier v = EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(smtp.port())
                     .commandTimeout(Duration.ofSeconds(2)).maxRecipientsPerSession(10).build()) {
            dns.mx("many.test.org", 10, "limited.test.org").a("limited.test.org", "127.0.0.6");
            List<String> in = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                in.add((i % 5 == 0 ? "bad" : "user") + i + "@many.test.org");
            }
            List<Verdict> out = v.verifyAll(in);
            for (int i = 0; i < 45; i++) {
                assertThat(out.get(i).status()).as(out.get(i).email() + " " + out.get(i).detail())
                        .isEqualTo(i % 5 == 0 ? Status.UNDELIVERABLE : Status.DELIVERABLE);
            }
            // 1 catch-all probe + 45 RCPTs at 10 per session: 5 sessions, never more at once than the cap (5).
            assertThat(limited.sessionsStarted()).isEqualTo(5);
            assertThat(limited.maxConcurrentSessions()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void brokenStartTlsFallsBackToPlainText() throws Exception {
        // Offers STARTTLS but has no certificate, so every handshake fails; plain text still works.
        try (ScriptedSmtpServer noCert = ScriptedSmtpServer.start("127.0.0.7", smtp.port(), false,
                     SmtpVerificationTest::script, b -> b.enableTLS());
             EmailVerifier v = EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(smtp.port())
                     .commandTimeout(Duration.ofSeconds(2)).build()) {
            dns.mx("notls.test.org", 10, "notls.test.org").a("notls.test.org", "127.0.0.7");
            assertVerdict(v.verify("alice@notls.test.org"), Status.DELIVERABLE, Reason.ACCEPTED);
            assertThat(noCert.sessionsStarted()).isEqualTo(2);
        }
    }

    @Test
    void dnsOnlyModeAsksDnsButNoSmtp() throws Exception {
        try (ScriptedSmtpServer untouched = ScriptedSmtpServer.start("127.0.0.8", smtp.port(), false, r -> ScriptedSmtpServer.ACCEPT);
             EmailVerifier dnsOnly = EmailVerifier.builder().dnsServer("127.0.0.1", dns.port()).smtpPort(smtp.port())
                     .smtpProbe(false).build()) {
            dns.mx("dnsonly.test.org", 10, "mx.dnsonly.test.org").a("mx.dnsonly.test.org", "127.0.0.8");
            List<Verdict> out = dnsOnly.verifyAll(List.of("alice@dnsonly.test.org", "a@nullmx.test.org", "a@missing.test.org"));
            assertVerdict(out.get(0), Status.UNKNOWN, Reason.NOT_CHECKED);
            assertThat(out.get(0).mxHost()).isEqualTo("mx.dnsonly.test.org");
            assertVerdict(out.get(1), Status.UNDELIVERABLE, Reason.NULL_MX);
            assertVerdict(out.get(2), Status.UNDELIVERABLE, Reason.NO_DOMAIN);
            assertThat(untouched.sessionsStarted()).isZero();
        }
    }

    @Test
    void utf8LocalPartsUseSmtpUtf8() {
        // SubEthaSMTP advertises SMTPUTF8, so MAIL FROM carries the SMTPUTF8 parameter and RCPT the UTF-8 address.
        Verdict v = verifier.verify("jöhn@test.org");
        assertVerdict(v, Status.DELIVERABLE, Reason.ACCEPTED);
        assertThat(v.smtputf8()).isTrue();
        assertThat(smtp.rcptCount("jöhn@test.org")).isEqualTo(1);
    }
}
