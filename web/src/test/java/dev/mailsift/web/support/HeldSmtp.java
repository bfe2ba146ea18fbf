package dev.mailsift.web.support;

import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.TestDnsServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A mail domain whose mailboxes answer when the test says so, to make chunks slow without timing: at
 * {@value #DOMAIN}, {@code fast…} recipients are accepted at once, {@code held…} ones wait at the RCPT until
 * {@link #release()} (then are accepted), anything else (the engine's catch-all probe) is unknown (550). One per
 * JVM, on loopback; the engine must be given a command timeout longer than any hold.
 */
public final class HeldSmtp {

    public static final String DOMAIN = "held-e2e.com";
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(90);

    public static final TestDnsServer DNS;
    public static final ScriptedSmtpServer SMTP;
    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static final AtomicInteger waiting = new AtomicInteger();

    static {
        try {
            DNS = new TestDnsServer().mx(DOMAIN, 10, "mx." + DOMAIN).a("mx." + DOMAIN, "127.0.0.1");
            SMTP = ScriptedSmtpServer.start("127.0.0.1", 0, false, HeldSmtp::answer);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HeldSmtp() {
    }

    private static ScriptedSmtpServer.Answer answer(String recipient) {
        if (recipient.startsWith("fast")) {
            return ScriptedSmtpServer.ACCEPT;
        }
        if (recipient.startsWith("held")) {
            CountDownLatch current = gate;
            waiting.incrementAndGet();
            try {
                if (!current.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new ScriptedSmtpServer.Reject(451, "4.4.2 held too long by the test");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
            return ScriptedSmtpServer.ACCEPT;
        }
        return new ScriptedSmtpServer.Reject(550, "5.1.1 no such user");
    }

    /** From now on, {@code held…} recipients wait at the RCPT. */
    public static void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets every waiting and future {@code held…} recipient through. */
    public static void release() {
        gate.countDown();
    }

    /** Waits until {@code sessions} SMTP sessions (i.e. chunks being verified) are held at a RCPT. */
    public static void awaitHeld(int sessions) {
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting.get() >= sessions);
    }

    public static int held() {
        return waiting.get();
    }

    /** The engine pointed at this domain's DNS and SMTP, with timeouts longer than any hold. */
    public static Map<String, String> engineProperties() {
        return Map.of(
                "mailsift.pipeline.engine.dns-server", "127.0.0.1:" + DNS.port(),
                "mailsift.pipeline.engine.smtp-port", String.valueOf(SMTP.port()),
                "mailsift.pipeline.engine.smtp-probe", "on",
                "mailsift.pipeline.engine.connect-timeout", "PT5S",
                "mailsift.pipeline.engine.command-timeout", "PT120S",
                "mailsift.pipeline.engine.max-connections-per-host", "16");
    }

    public static void register(DynamicPropertyRegistry registry) {
        engineProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** A list with a header {@code email}: {@code fast} rows first, then {@code held} rows, each address unique. */
    public static String list(String tag, int fast, int held) {
        StringBuilder list = new StringBuilder("email\n");
        for (int i = 0; i < fast; i++) {
            list.append("fast-").append(tag).append('-').append(i).append('@').append(DOMAIN).append('\n');
        }
        for (int i = 0; i < held; i++) {
            list.append("held-").append(tag).append('-').append(fast + i).append('@').append(DOMAIN).append('\n');
        }
        return list.toString();
    }
}
