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
                for (Future<Batch> f : futures) {
                    results.putAll(get(f).results);
                }
            }
        }
        Boolean catchAll = wantCatchAll ? first.catchAll : knownCatchAll;
        // Greylisting: retry the 4xx ones once after the delay.
        List<String> transientOnes = new ArrayList<>();
        for (var e : results.entrySet()) {
            if (e.getValue().outcome() == RcptOutcome.TRANSIENT) {
                transientOnes.add(e.getKey());
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

    private static Batch get(Future<Batch> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
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
                    session(domain, mx, ip, rcpts, catchAllProbe, settings.startTls(), batch);
                    return batch;
                } catch (HostUnusable e) {
                    lastOutcome = e.outcome;
                    lastDetail = mx + ": " + e.getMessage();
                }
            }
        }
        for (String r : rcpts) {
            batch.results.putIfAbsent(r, new RcptResult(lastOutcome, lastDetail, batch.mxHost));
        }
        if (batch.mxHost == null && !mxHosts.isEmpty()) {
            batch.mxHost = mxHosts.get(0);
        }
        return batch;
    }

    private List<InetAddress> resolve(String host) {
        if (dns == null) {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (IOException e) {
                return List.of();
            }
        }
        List<InetAddress> a = dns.addresses(host);
        if (a.isEmpty() && ("localhost".equals(host) || isIpLiteral(host))) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (IOException e) {
                return List.of();
            }
        }
        return a;
    }

    private static boolean isIpLiteral(String host) {
        return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.indexOf(':') >= 0;
    }

    private void session(String domain, String mx, InetAddress ip, List<String> rcpts, boolean catchAllProbe, boolean tls,
                         Batch batch) throws HostUnusable, InterruptedException {
        String hostKey = ip.getHostAddress() + ":" + settings.port();
        limiter.acquire(hostKey);
        boolean answeredAny = false;
        SmtpConnection c = null;
        Set<String> pending = new HashSet<>(rcpts);
        try {
            try {
                c = new SmtpConnection(ip, settings.port(), settings);
            } catch (SocketTimeoutException e) {
                throw new HostUnusable(RcptOutcome.TIMEOUT, "connect timed out");
            } catch (IOException e) {
                throw new HostUnusable(RcptOutcome.ERROR, "cannot connect: " + e.getMessage());
            }
            SmtpReply banner = c.read();
            if (banner.permanentFailure()) {
                failAll(batch, rcpts, RcptOutcome.BLOCKED, "banner " + banner.summary(), mx);
                batch.catchAll = null;
                return;
            }
            if (!banner.positive()) {
                throw new HostUnusable(RcptOutcome.TRANSIENT, "banner " + banner.summary());
            }
            SmtpReply ehlo = c.command("EHLO " + settings.heloName());
            Set<String> caps = new HashSet<>();
            if (!ehlo.positive()) {
                SmtpReply helo = c.command("HELO " + settings.heloName());
                if (!helo.positive()) {
                    failAll(batch, rcpts, helo.permanentFailure() ? RcptOutcome.BLOCKED : RcptOutcome.TRANSIENT,
                            "HELO " + helo.summary(), mx);
                    return;
                }
            } else {
                caps = capabilities(ehlo);
                if (tls && caps.contains("STARTTLS")) {
                    SmtpReply st = c.command("STARTTLS");
                    if (st.code() == 220) {
                        try {
                            c.startTls(mx);
                        } catch (SSLException e) {
                            c.close();
                            c = null;
                            limiter.release(hostKey);
                            hostKey = null;
                            session(domain, mx, ip, rcpts, catchAllProbe, false, batch); // plain text instead
                            return;
                        }
                        ehlo = c.command("EHLO " + settings.heloName());
                        if (!ehlo.positive()) {
                            throw new HostUnusable(RcptOutcome.ERROR, "EHLO after STARTTLS: " + ehlo.summary());
                        }
                        caps = capabilities(ehlo);
                    }
                }
            }
            boolean needUtf8 = rcpts.stream().anyMatch(SmtpProber::nonAscii);
            boolean utf8 = caps.contains("SMTPUTF8");
            String mailFrom = "MAIL FROM:<" + settings.mailFrom() + ">" + (needUtf8 && utf8 ? " SMTPUTF8" : "");
            SmtpReply from = c.command(mailFrom);
            if (!from.positive()) {
                failAll(batch, rcpts, from.permanentFailure() ? RcptOutcome.BLOCKED : RcptOutcome.TRANSIENT,
                        "MAIL FROM " + from.summary(), mx);
                quit(c);
                return;
            }
            int inTransaction = 0;
            if (catchAllProbe) {
                SmtpReply r = c.command("RCPT TO:<" + randomLocalPart() + "@" + domain + ">");
                answeredAny = true;
                RcptOutcome o = RcptOutcome.classify(r);
                batch.catchAll = o == RcptOutcome.ACCEPTED ? Boolean.TRUE : o == RcptOutcome.NOT_FOUND ? Boolean.FALSE : null;
                batch.catchAllTransient = o == RcptOutcome.TRANSIENT;
                inTransaction++;
            }
            for (String rcpt : rcpts) {
                if (nonAscii(rcpt) && !utf8) {
                    batch.results.put(rcpt, new RcptResult(RcptOutcome.ERROR, "server does not offer SMTPUTF8", mx));
                    pending.remove(rcpt);
                    continue;
                }
                if (inTransaction >= settings.maxRecipientsPerSession()) {
                    newTransaction(c, mailFrom);
                    inTransaction = 0;
                }
                SmtpReply r = c.command("RCPT TO:<" + rcpt + ">");
                RcptOutcome o = RcptOutcome.classify(r);
                if (o == RcptOutcome.TOO_MANY_RECIPIENTS) {
                    newTransaction(c, mailFrom);
                    inTransaction = 0;
                    r = c.command("RCPT TO:<" + rcpt + ">");
                    o = RcptOutcome.classify(r);
                    if (o == RcptOutcome.TOO_MANY_RECIPIENTS) {
                        o = RcptOutcome.TRANSIENT;
                    }
                }
                inTransaction++;
                answeredAny = true;
                batch.results.put(rcpt, new RcptResult(o, r.summary(), mx));
                pending.remove(rcpt);
                if (r.code() == 421) {
                    // The server is closing the channel: whatever is left is a temporary failure, retried later.
                    failAll(batch, pending, RcptOutcome.TRANSIENT, "server closing: " + r.summary(), mx);
                    return;
                }
            }
            quit(c);
        } catch (SocketTimeoutException e) {
            if (!answeredAny) {
                throw new HostUnusable(RcptOutcome.TIMEOUT, "no reply within " + settings.commandTimeout().toMillis() + " ms");
            }
            failAll(batch, pending, RcptOutcome.TIMEOUT, "no reply within " + settings.commandTimeout().toMillis() + " ms", mx);
        } catch (IOException e) {
            String why = e instanceof EOFException ? "connection dropped" : "session failed: " + e.getMessage();
            if (!answeredAny) {
                throw new HostUnusable(RcptOutcome.ERROR, why);
            }
            failAll(batch, pending, RcptOutcome.ERROR, why, mx);
        } finally {
            if (c != null) {
                c.close();
            }
            if (hostKey != null) {
                limiter.release(hostKey);
            }
        }
    }

    private static void newTransaction(SmtpConnection c, String mailFrom) throws IOException {
        SmtpReply rset = c.command("RSET");
        if (!rset.positive()) {
            throw new IOException("RSET refused: " + rset.summary());
        }
        SmtpReply from = c.command(mailFrom);
        if (!from.positive()) {
            throw new IOException("MAIL FROM refused after RSET: " + from.summary());
        }
    }

    /**
     * QUIT, then wait (briefly) for the server to close: the connection only counts as gone for the server
     * once it has closed its end, and the per-host cap is about the server's view.
     */
    private static void quit(SmtpConnection c) {
        try {
            SmtpReply bye = c.command("QUIT");
            if (bye.code() == 221) {
                c.awaitClose(500);
            }
        } catch (IOException ignored) {
            // the answers are in; a rude goodbye changes nothing
        }
    }

    private static void failAll(Batch batch, Iterable<String> rcpts, RcptOutcome o, String detail, String mx) {
        for (String r : rcpts) {
            batch.results.putIfAbsent(r, new RcptResult(o, detail, mx));
        }
    }

    private static Set<String> capabilities(SmtpReply ehlo) {
        Set<String> caps = new HashSet<>();
        for (int i = 1; i < ehlo.lines().size(); i++) {
            String line = ehlo.lines().get(i).trim();
            int sp = line.indexOf(' ');
            caps.add((sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT));
        }
        return caps;
    }

    private static boolean nonAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    static String randomLocalPart() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("ms");
        for (int i = 0; i < 14; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }
}
