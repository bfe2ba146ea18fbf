package dev.mailsift.engine.smtp;

import dev.mailsift.engine.dns.DnsResolver;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * Asks a domain's MX hosts whether mailboxes exist, without sending mail: EHLO, STARTTLS when offered,
 * MAIL FROM, then RCPT TO for a random local part (catch-all detection) and for each address; RSET between
 * batches; QUIT. Hosts are tried in preference order, and each host's concurrent sessions are capped by the
 * shared {@link HostLimiter}. A domain's addresses are split into sessions of
 * {@link SmtpSettings#maxRecipientsPerSession()} run concurrently on virtual threads. 4xx answers are retried
 * once after {@link SmtpSettings#greylistDelay()}.
 */
public final class SmtpProber {

    /** Outcome for one recipient. */
    public record RcptResult(RcptOutcome outcome, String detail, String mxHost) {
    }

    /** Outcome for a domain's recipients. */
    public record DomainProbe(Map<String, RcptResult> results, Boolean catchAll, String mxHost) {
    }

    private final SmtpSettings settings;
    private final HostLimiter limiter;
    private final DnsResolver dns;

    public SmtpProber(SmtpSettings settings, HostLimiter limiter, DnsResolver dns) {
        this.settings = settings;
        this.limiter = limiter;
        this.dns = dns;
    }

    /**
     * @param mxHosts        in preference order
     * @param recipients     distinct addresses of this domain, ASCII domain form
     * @param knownCatchAll  cached catch-all answer, or null to probe
     */
    public DomainProbe probe(String asciiDomain, List<String> mxHosts, List<String> recipients, Boolean knownCatchAll)
            throws InterruptedException {
        boolean wantCatchAll = settings.catchAllCheck() && knownCatchAll == null;
        Map<String, RcptResult> results = new LinkedHashMap<>();
        List<List<String>> chunks = partition(recipients, Math.max(1, settings.maxRecipientsPerSession() - (wantCatchAll ? 1 : 0)));
        if (chunks.isEmpty()) {
            chunks = List.of(List.of());
        }
        Batch first = runOnMx(asciiDomain, mxHosts, chunks.get(0), wantCatchAll);
        results.putAll(first.results);
        if (chunks.size() > 1) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Batch>> futures = new ArrayList<>();
                for (List<String> chunk : chunks.subList(1, chunks.size())) {
                    futures.add(pool.submit(() -> runOnMx(asciiDomain, mxHosts, chunk, false)));
                }
                for (Future<Batch> future : futures) {
                    results.putAll(get(future).results);
                }
            }
        }
        Boolean catchAll = wantCatchAll ? first.catchAll : knownCatchAll;
        // Greylisting: retry the 4xx ones once after the delay.
        List<String> transientOnes = new ArrayList<>();
        for (var rcptAndResult : results.entrySet()) {
            if (rcptAndResult.getValue().outcome() == RcptOutcome.TRANSIENT) {
                transientOnes.add(rcptAndResult.getKey());
            }
        }
        boolean retryCatchAll = wantCatchAll && first.catchAllTransient;
        if ((!transientOnes.isEmpty() || retryCatchAll) && !settings.greylistDelay().isZero()) {
            Thread.sleep(settings.greylistDelay().toMillis());
            for (List<String> chunk : partition(transientOnes, settings.maxRecipientsPerSession() - 1)) {
                Batch again = runOnMx(asciiDomain, mxHosts, chunk, retryCatchAll);
                results.putAll(again.results);
                if (retryCatchAll) {
                    catchAll = again.catchAll;
                    retryCatchAll = false;
                }
            }
            if (retryCatchAll) {
                catchAll = runOnMx(asciiDomain, mxHosts, List.of(), true).catchAll;
            }
        }
        return new DomainProbe(results, catchAll, first.mxHost);
    }

    private static Batch get(Future<Batch> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause());
        }
    }

    private static <T> List<List<T>> partition(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }

    /** Result of sessions for one batch of recipients. */
    private static final class Batch {
        final Map<String, RcptResult> results = new LinkedHashMap<>();
        Boolean catchAll;
        boolean catchAllTransient;
        String mxHost;
    }

    /** Thrown when a host could not give us any answer, so the next MX should be asked. */
    private static final class HostUnusable extends Exception {
        final RcptOutcome outcome;

        HostUnusable(RcptOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    private Batch runOnMx(String domain, List<String> mxHosts, List<String> rcpts, boolean catchAllProbe)
            throws InterruptedException {
        Batch batch = new Batch();
        RcptOutcome lastOutcome = RcptOutcome.ERROR;
        String lastDetail = "no MX host reachable";
        for (String mx : mxHosts) {
            List<InetAddress> addresses = resolve(mx);
            if (addresses.isEmpty()) {
                lastDetail = "MX host " + mx + " has no address";
                continue;
            }
            for (InetAddress ip : addresses) {
                batch.mxHost = mx;
                try {
                    runSession(domain, mx, ip, rcpts, catchAllProbe, settings.startTls(), batch);
                    return batch;
                } catch (HostUnusable unusable) {
                    lastOutcome = unusable.outcome;
                    lastDetail = mx + ": " + unusable.getMessage();
                }
            }
        }
        failAll(batch, rcpts, lastOutcome, lastDetail, batch.mxHost);
        if (batch.mxHost == null && !mxHosts.isEmpty()) {
            batch.mxHost = mxHosts.get(0);
        }
        return batch;
    }

    private List<InetAddress> resolve(String host) {
        if (dns == null) {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (IOException unknownHost) {
                return List.of();
            }
        }
        List<InetAddress> addresses = dns.addresses(host);
        if (addresses.isEmpty() && ("localhost".equals(host) || isIpLiteral(host))) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (IOException unknownHost) {
                return List.of();
            }
        }
        return addresses;
    }

    private static boolean isIpLiteral(String host) {
        return host.chars().allMatch(character -> Character.isDigit(character) || character == '.') || host.indexOf(':') >= 0;
    }

    /** Thrown when the TLS handshake fails, so the session is run again in plain text on a new connection. */
    private static final class TlsHandshakeFailed extends Exception {
        TlsHandshakeFailed() {
            super(null, null, false, false);
        }
    }

    /** One SMTP session with one address of {@code mx}, holding a slot of the per-host cap while it lasts. */
    private void runSession(String domain, String mx, InetAddress ip, List<String> rcpts, boolean catchAllProbe,
                            boolean tls, Batch batch) throws HostUnusable, InterruptedException {
        String hostKey = ip.getHostAddress() + ":" + settings.port();
        limiter.acquire(hostKey);
        boolean handshakeFailed = false;
        try (SmtpConnection connection = connect(ip)) {
            new Session(domain, mx, rcpts, batch, connection).run(catchAllProbe, tls);
        } catch (TlsHandshakeFailed failed) {
            handshakeFailed = true;
        } finally {
            limiter.release(hostKey);
        }
        if (handshakeFailed) {
            // Plain text instead, once the broken connection is closed and its slot given back.
            runSession(domain, mx, ip, rcpts, catchAllProbe, false, batch);
        }
    }

    private SmtpConnection connect(InetAddress ip) throws HostUnusable {
        try {
            return new SmtpConnection(ip, settings.port(), settings);
        } catch (SocketTimeoutException timedOut) {
            throw new HostUnusable(RcptOutcome.TIMEOUT, "connect timed out");
        } catch (IOException failure) {
            throw new HostUnusable(RcptOutcome.ERROR, "cannot connect: " + failure.getMessage());
        }
    }

    /** The conversation on one open connection, one method per protocol phase. */
    private final class Session {
        private final String domain;
        private final String mx;
        private final List<String> rcpts;
        private final Batch batch;
        private final SmtpConnection connection;
        /** Recipients without an answer yet: they share the failure when the session breaks off. */
        private final Set<String> pending;
        /** Until the server has answered a RCPT, a failure is the host's and the next host may do better. */
        private boolean answeredAny;
        private Set<String> capabilities = Set.of();
        private String mailFromCommand;
        private int rcptsInTransaction;

        Session(String domain, String mx, List<String> rcpts, Batch batch, SmtpConnection connection) {
            this.domain = domain;
            this.mx = mx;
            this.rcpts = rcpts;
            this.batch = batch;
            this.connection = connection;
            this.pending = new HashSet<>(rcpts);
        }

        void run(boolean catchAllProbe, boolean tls) throws HostUnusable, TlsHandshakeFailed {
            try {
                converse(catchAllProbe, tls);
            } catch (SocketTimeoutException timedOut) {
                breakOff(RcptOutcome.TIMEOUT, "no reply within " + settings.commandTimeout().toMillis() + " ms");
            } catch (IOException failure) {
                breakOff(RcptOutcome.ERROR,
                        failure instanceof EOFException ? "connection dropped" : "session failed: " + failure.getMessage());
            }
        }

        /** Each phase returns false when it has ended the session and filled in the results. */
        private void converse(boolean catchAllProbe, boolean tls) throws IOException, HostUnusable, TlsHandshakeFailed {
            if (!readGreeting() || !hello(tls) || !mailFrom()) {
                return;
            }
            if (catchAllProbe) {
                probeCatchAll();
            }
            if (askEachRecipient()) {
                quit(connection);
            }
        }

        private void breakOff(RcptOutcome outcome, String detail) throws HostUnusable {
            if (!answeredAny) {
                throw new HostUnusable(outcome, detail);
            }
            failAll(batch, pending, outcome, detail, mx);
        }

        /** A 5xx banner refuses us, not the mailboxes; a 4xx one may be this host's alone. */
        private boolean readGreeting() throws IOException, HostUnusable {
            SmtpReply banner = connection.read();
            if (banner.permanentFailure()) {
                failAll(batch, rcpts, RcptOutcome.BLOCKED, "banner " + banner.summary(), mx);
                batch.catchAll = null;
                return false;
            }
            if (!banner.positive()) {
                throw new HostUnusable(RcptOutcome.TRANSIENT, "banner " + banner.summary());
            }
            return true;
        }

        /** EHLO, or HELO for a server that does not know it; then STARTTLS when offered. */
        private boolean hello(boolean tls) throws IOException, HostUnusable, TlsHandshakeFailed {
            SmtpReply ehlo = connection.command("EHLO " + settings.heloName());
            if (ehlo.positive()) {
                capabilities = capabilities(ehlo);
                if (tls && capabilities.contains("STARTTLS")) {
                    startTls();
                }
                return true;
            }
            SmtpReply helo = connection.command("HELO " + settings.heloName());
            if (!helo.positive()) {
                failAll(batch, rcpts, refusal(helo), "HELO " + helo.summary(), mx);
                return false;
            }
            return true;
        }

        /** A server that declines STARTTLS is asked in plain text on the same connection. */
        private void startTls() throws IOException, HostUnusable, TlsHandshakeFailed {
            if (connection.command("STARTTLS").code() != 220) {
                return;
            }
            try {
                connection.startTls(mx);
            } catch (SSLException handshakeFailure) {
                throw new TlsHandshakeFailed();
            }
            SmtpReply ehlo = connection.command("EHLO " + settings.heloName());
            if (!ehlo.positive()) {
                throw new HostUnusable(RcptOutcome.ERROR, "EHLO after STARTTLS: " + ehlo.summary());
            }
            capabilities = capabilities(ehlo);
        }

        private boolean mailFrom() throws IOException {
            boolean needUtf8 = rcpts.stream().anyMatch(SmtpProber::nonAscii);
            mailFromCommand = "MAIL FROM:<" + settings.mailFrom() + ">" + (needUtf8 && smtpUtf8() ? " SMTPUTF8" : "");
            SmtpReply from = connection.command(mailFromCommand);
            if (!from.positive()) {
                failAll(batch, rcpts, refusal(from), "MAIL FROM " + from.summary(), mx);
                quit(connection);
                return false;
            }
            return true;
        }

        /** A random local part: if it is accepted, so is any address of the domain. */
        private void probeCatchAll() throws IOException {
            SmtpReply reply = connection.command("RCPT TO:<" + randomLocalPart() + "@" + domain + ">");
            answeredAny = true;
            RcptOutcome outcome = RcptOutcome.classify(reply);
            batch.catchAll = outcome == RcptOutcome.ACCEPTED ? Boolean.TRUE : outcome == RcptOutcome.NOT_FOUND ? Boolean.FALSE : null;
            batch.catchAllTransient = outcome == RcptOutcome.TRANSIENT;
            rcptsInTransaction++;
        }

        /** False when the server closed the channel midway; what is left is then a temporary failure, retried later. */
        private boolean askEachRecipient() throws IOException {
            for (String rcpt : rcpts) {
                if (nonAscii(rcpt) && !smtpUtf8()) {
                    record(rcpt, new RcptResult(RcptOutcome.ERROR, "server does not offer SMTPUTF8", mx));
                    continue;
                }
                SmtpReply reply = rcptTo(rcpt);
                if (reply.code() == 421) {
                    failAll(batch, pending, RcptOutcome.TRANSIENT, "server closing: " + reply.summary(), mx);
                    return false;
                }
            }
            return true;
        }

        /** RCPT TO in a transaction with room for it; a "too many recipients" answer is asked again in a new one. */
        private SmtpReply rcptTo(String rcpt) throws IOException {
            if (rcptsInTransaction >= settings.maxRecipientsPerSession()) {
                newTransaction();
            }
            SmtpReply reply = connection.command("RCPT TO:<" + rcpt + ">");
            RcptOutcome outcome = RcptOutcome.classify(reply);
            if (outcome == RcptOutcome.TOO_MANY_RECIPIENTS) {
                newTransaction();
                reply = connection.command("RCPT TO:<" + rcpt + ">");
                RcptOutcome again = RcptOutcome.classify(reply);
                outcome = again == RcptOutcome.TOO_MANY_RECIPIENTS ? RcptOutcome.TRANSIENT : again;
            }
            rcptsInTransaction++;
            answeredAny = true;
            record(rcpt, new RcptResult(outcome, reply.summary(), mx));
            return reply;
        }

        private void newTransaction() throws IOException {
            SmtpReply rset = connection.command("RSET");
            if (!rset.positive()) {
                throw new IOException("RSET refused: " + rset.summary());
            }
            SmtpReply from = connection.command(mailFromCommand);
            if (!from.positive()) {
                throw new IOException("MAIL FROM refused after RSET: " + from.summary());
            }
            rcptsInTransaction = 0;
        }

        private void record(String rcpt, RcptResult result) {
            batch.results.put(rcpt, result);
            pending.remove(rcpt);
        }

        private boolean smtpUtf8() {
            return capabilities.contains("SMTPUTF8");
        }
    }

    /** A permanent refusal is of us, not of the mailboxes; anything else may pass later. */
    private static RcptOutcome refusal(SmtpReply reply) {
        return reply.permanentFailure() ? RcptOutcome.BLOCKED : RcptOutcome.TRANSIENT;
    }

    /**
     * QUIT, then wait (briefly) for the server to close: the connection only counts as gone for the server
     * once it has closed its end, and the per-host cap is about the server's view.
     */
    private static void quit(SmtpConnection connection) {
        try {
            SmtpReply bye = connection.command("QUIT");
            if (bye.code() == 221) {
                connection.awaitClose(500);
            }
        } catch (IOException ignored) {
            // the answers are in; a rude goodbye changes nothing
        }
    }

    private static void failAll(Batch batch, Iterable<String> rcpts, RcptOutcome outcome, String detail, String mx) {
        for (String rcpt : rcpts) {
            batch.results.putIfAbsent(rcpt, new RcptResult(outcome, detail, mx));
        }
    }

    private static Set<String> capabilities(SmtpReply ehlo) {
        Set<String> keywords = new HashSet<>();
        for (int i = 1; i < ehlo.lines().size(); i++) {
            String line = ehlo.lines().get(i).trim();
            int space = line.indexOf(' ');
            keywords.add((space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT));
        }
        return keywords;
    }

    private static boolean nonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    static String randomLocalPart() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder localPart = new StringBuilder("ms");
        for (int i = 0; i < 14; i++) {
            localPart.append((char) ('a' + random.nextInt(26)));
        }
        return localPart.toString();
    }
}
