package dev.mailsift.engine.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A SubEthaSMTP server whose RCPT answers are scripted per recipient: accept, reject with a code and text,
 * greylist (4xx the first time, then 250), stall past the client's timeout, or drop the connection.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What to do with one RCPT. */
    public sealed interface Answer {
    }

    public record Accept() implements Answer {
    }

    public record Reject(int code, String text) implements Answer {
    }

    public record Greylist() implements Answer {
    }

    public record Stall(long millis) implements Answer {
    }

    public record Drop() implements Answer {
    }

    public static final Answer ACCEPT = new Accept();

    private final SMTPServer server;
    private final Map<SocketAddress, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private volatile long commandDelayMillis;

    private ScriptedSmtpServer(SMTPServer server) {
        this.server = server;
    }

    public static ScriptedSmtpServer start(String bindIp, int port, boolean requireTls, Function<String, Answer> script)
            throws Exception {
        return start(bindIp, port, requireTls, script, b -> { });
    }

    public static ScriptedSmtpServer start(String bindIp, int port, boolean requireTls, Function<String, Answer> script,
                                           java.util.function.Consumer<SMTPServer.Builder> customize) throws Exception {
        ScriptedSmtpServer[] self = new ScriptedSmtpServer[1];
        SMTPServer.Builder b = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(bindIp))
                .hostName("mx.test")
                .connectionTimeout(5_000, java.util.concurrent.TimeUnit.MILLISECONDS)
                .sessionHandler(new SessionHandler() {
                    @Override
                    public SessionAcceptance accept(Session session) {
                        self[0].sessions.put(session.getRemoteAddress(), session);
                        self[0].sessionsStarted.incrementAndGet();
                        self[0].open.incrementAndGet();
                        // Count connections whose socket the server has not closed yet: the session-end callback
                        // runs a moment after the close, and a client may legitimately reconnect in between.
                        int live = (int) self[0].sessions.values().stream()
                                .filter(x -> x.getSocket() != null && !x.getSocket().isClosed()).count();
                        self[0].maxOpen.accumulateAndGet(live, Math::max);
                        return SessionAcceptance.success();
                    }

                    @Override
                    public void onSessionEnd(Session session) {
                        self[0].sessions.remove(session.getRemoteAddress());
                        self[0].open.decrementAndGet();
                    }
                })
                .messageHandlerFactory(ctx -> self[0].handler(ctx, script));
        if (requireTls) {
            b.enableTLS().requireTLS().startTlsSocketFactory(sslContext());
        }
        customize.accept(b);
        SMTPServer server = b.build();
        self[0] = new ScriptedSmtpServer(server);
        server.start();
        return self[0];
    }

    private static SSLContext sslContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = ScriptedSmtpServer.class.getResourceAsStream("/smtp-test.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    public int port() {
        return server.getPortAllocated();
    }

    public int maxConcurrentSessions() {
        return maxOpen.get();
    }

    public int sessionsStarted() {
        return sessionsStarted.get();
    }

    public int rcptCount(String recipient) {
        AtomicInteger n = seen.get(recipient.toLowerCase());
        return n == null ? 0 : n.get();
    }

    /** Delay before answering MAIL and RCPT (to make sessions overlap). */
    public ScriptedSmtpServer commandDelay(long millis) {
        this.commandDelayMillis = millis;
        return this;
    }

    private MessageHandler handler(MessageContext ctx, Function<String, Answer> script) {
        return new MessageHandler() {
            @Override
            public void from(String from) {
                pause(commandDelayMillis);
            }

            @Override
            public void recipient(String recipient) throws RejectException {
                pause(commandDelayMillis);
                String r = recipient.toLowerCase();
                int count = seen.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
                Answer a = script.apply(r);
                switch (a) {
                    case Accept x -> {
                    }
                    case Reject rj -> throw new RejectException(rj.code(), rj.text());
                    case Greylist g -> {
                        if (count == 1) {
                            throw new RejectException(451, "4.7.1 Greylisted, please try again later");
                        }
                    }
                    case Stall s -> pause(s.millis());
                    case Drop d -> {
                        Session session = sessions.get(ctx.getRemoteAddress());
                        try {
                            if (session != null) {
                                session.closeSocket();
                            }
                        } catch (IOException ignored) {
                            // closed
                        }
                        throw new RejectException(421, "bye");
                    }
                }
            }

            @Override
            public String data(InputStream data) throws RejectException {
                throw new RejectException(554, "5.3.0 this test server takes no mail");
            }

            @Override
            public void done() {
            }
        };
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
