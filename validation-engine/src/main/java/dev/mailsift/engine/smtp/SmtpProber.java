package dev.mailsift.engine.smtp;

import dev.mailsift.engine.dns.DnsResolver;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Asks a domain's MX hosts whether mailboxes exist, without sending mail: EHLO, STARTTLS when offered,
 * MAIL FROM, then RCPT TO for a random local part (catch-all detection) and for each address; RSET between
 * transactions; QUIT. Where the server offers PIPELINING (RFC 2920), a transaction's RCPTs (with the RSET and MAIL
 * FROM that open it) go out in one group and the replies are read back in order, so a transaction costs one round
 * trip instead of one per recipient. Hosts are tried in preference order, and each host's concurrent sessions are
 * capped by the shared {@link HostLimiter}. A domain's recipients wait in one queue that its sessions draw from:
 * the first session starts more (helpers) while the queue is long enough to be worth a session and the host has a
 * slot that no other domain is waiting for, up to the cap. 4xx answers are retried once after
 * {@link SmtpSettings#greylistDelay()}.
 */
public final class SmtpProber {

    /** Outcome for one recipient. */
    public record RcptResult(RcptOutcome outcome, String detail, String mxHost) {
    }

    /** Outcome for a domain's recipients. */
    public record DomainProbe(Map<String, RcptResult> results, Boolean catchAll, String mxHost) {
    }

    /** A helper session costs about four round trips (banner, EHLO, MAIL, QUIT); lockstep, a recipient costs one. */
    private static final int LOCKSTEP_RECIPIENTS_PER_HELPER = 4;
    /** Pipelined, a whole transaction costs one round trip: a helper pays off from two transactions' worth. */
    private static final int PIPELINED_TRANSACTIONS_PER_HELPER = 2;
    /** Rounds for recipients a failing helper gave back after the other sessions had finished. */
    private static final int MAX_ROUNDS = 3;

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
        boolean needUtf8 = recipients.stream().anyMatch(SmtpProber::nonAscii);
        Work first = ask(asciiDomain, mxHosts, recipients, wantCatchAll, needUtf8);
        Map<String, RcptResult> results = new HashMap<>(first.results);
        Boolean catchAll = wantCatchAll ? first.catchAll : knownCatchAll;
        // Greylisting: retry the 4xx ones once after the delay.
        List<String> transientOnes = new ArrayList<>();
        for (String rcpt : recipients) {
            if (results.get(rcpt).outcome() == RcptOutcome.TRANSIENT) {
                transientOnes.add(rcpt);
            }
        }
        boolean retryCatchAll = wantCatchAll && first.catchAllTransient;
        if ((!transientOnes.isEmpty() || retryCatchAll) && !settings.greylistDelay().isZero()) {
            Thread.sleep(settings.greylistDelay().toMillis());
            Work again = ask(asciiDomain, mxHosts, transientOnes, retryCatchAll, needUtf8);
            results.putAll(again.results);
            if (retryCatchAll) {
                catchAll = again.catchAll;
            }
        }
        return new DomainProbe(results, catchAll, first.mxHost);
    }

    /** Every one of {@code rcpts} gets a result: asked by sessions on the MX hosts, or failed with the reason. */
    private Work ask(String domain, List<String> mxHosts, List<String> rcpts, boolean catchAllProbe, boolean needUtf8)
            throws InterruptedException {
        Work work = new Work(rcpts, needUtf8, Math.max(1, settings.maxRecipientsPerSession()));
        runOnMx(domain, mxHosts, work, catchAllProbe);
        work.awaitHelpers();
        for (int round = 1; round < MAX_ROUNDS && work.remaining() > 0; round++) {
            runOnMx(domain, mxHosts, work, false);
            work.awaitHelpers();
        }
        failAll(work, work.takeAll(), RcptOutcome.ERROR, "no session could ask", work.mxHost);
        // A session that failed in an unforeseen way must not leave a recipient without an answer.
        failAll(work, rcpts, RcptOutcome.ERROR, "no answer", work.mxHost);
        return work;
    }

    private static <T> List<List<T>> partition(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }

    /**
     * A domain's recipients not yet taken by a session, shared by the sessions that ask for them at once, and the
     * answers so far.
     */
    private static final class Work {
        private final ArrayDeque<String> queue;
        final Map<String, RcptResult> results = new ConcurrentHashMap<>();
        final boolean needUtf8;
        private final List<Thread> helpers = new ArrayList<>();
        private final AtomicInteger liveHelpers = new AtomicInteger();
        /** Recipients that were one too many once: asked again once, in a smaller transaction, then temporary. */
        private final Set<String> tooManyOnce = ConcurrentHashMap.newKeySet();
        /** RCPTs per transaction: ours, or fewer once the server has said 452 4.5.3, for every later session. */
        volatile int transactionLimit;
        volatile Boolean catchAll;
        volatile boolean catchAllTransient;
        volatile String mxHost;

        Work(List<String> rcpts, boolean needUtf8, int transactionLimit) {
            this.queue = new ArrayDeque<>(rcpts);
            this.needUtf8 = needUtf8;
            this.transactionLimit = transactionLimit;
        }

        boolean firstTooMany(String rcpt) {
            return tooManyOnce.add(rcpt);
        }

        synchronized void lowerTransactionLimit(int limit) {
            transactionLimit = Math.min(transactionLimit, limit);
        }

        synchronized List<String> take(int max) {
            List<String> taken = new ArrayList<>(Math.min(max, queue.size()));
            while (taken.size() < max && !queue.isEmpty()) {
                taken.add(queue.poll());
            }
            return taken;
        }

        synchronized List<String> takeAll() {
            return take(Integer.MAX_VALUE);
        }

        /** Recipients a session took but could not ask, for another session. */
        synchronized void giveBack(Collection<String> rcpts) {
            queue.addAll(rcpts);
        }

        synchronized int remaining() {
            return queue.size();
        }

        int liveHelpers() {
            return liveHelpers.get();
        }

        synchronized void startHelper(Runnable session) {
            liveHelpers.incrementAndGet();
            helpers.add(Thread.ofVirtual().name("smtp-helper").start(() -> {
                try {
                    session.run();
                } finally {
                    liveHelpers.decrementAndGet();
                }
            }));
        }

        void awaitHelpers() throws InterruptedException {
            while (true) {
                List<Thread> started;
                synchronized (this) {
                    started = List.copyOf(helpers);
                    helpers.clear();
                }
                if (started.isEmpty()) {
                    return;
                }
                try {
                    for (Thread helper : started) {
                        helper.join();
                    }
                } catch (InterruptedException interrupted) {
                    started.forEach(Thread::interrupt);
                    throw interrupted;
                }
            }
        }
    }

    /** Thrown when a host could not give us any answer, so the next MX should be asked. */
    private static final class HostUnusable extends Exception {
        final RcptOutcome outcome;

        HostUnusable(RcptOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    private void runOnMx(String domain, List<String> mxHosts, Work work, boolean catchAllProbe)
            throws InterruptedException {
        RcptOutcome lastOutcome = RcptOutcome.ERROR;
        String lastDetail = "no MX host reachable";
        for (String mx : mxHosts) {
            List<InetAddress> addresses = resolve(mx);
            if (addresses.isEmpty()) {
                lastDetail = "MX host " + mx + " has no address";
                continue;
            }
            for (InetAddress ip : addresses) {
                work.mxHost = mx;
                try {
                    runSession(domain, mx, ip, work, catchAllProbe, settings.startTls(), false);
                    return;
                } catch (HostUnusable unusable) {
                    lastOutcome = unusable.outcome;
                    lastDetail = mx + ": " + unusable.getMessage();
                }
            }
        }
        if (work.mxHost == null && !mxHosts.isEmpty()) {
            work.mxHost = mxHosts.get(0);
        }
        failAll(work, work.takeAll(), lastOutcome, lastDetail, work.mxHost);
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

    /**
     * One SMTP session with one address of {@code mx}, holding a slot of the per-host cap while it lasts. A helper
     * comes with its slot already taken, and gives up quietly where the domain's first session would fail the domain.
     */
    private void runSession(String domain, String mx, InetAddress ip, Work work, boolean catchAllProbe, boolean tls,
                            boolean helper) throws HostUnusable, InterruptedException {
        String hostKey = ip.getHostAddress() + ":" + settings.port();
        if (!helper) {
            limiter.acquire(hostKey);
        }
        boolean handshakeFailed = false;
        try (SmtpConnection connection = connect(ip)) {
            new Session(domain, mx, ip, hostKey, tls, helper, work, connection).run(catchAllProbe);
        } catch (TlsHandshakeFailed failed) {
            handshakeFailed = true;
        } finally {
            limiter.release(hostKey);
        }
        if (handshakeFailed && !helper) {
            // Plain text instead, once the broken connection is closed and its slot given back.
            runSession(domain, mx, ip, work, catchAllProbe, false, false);
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
        private final InetAddress ip;
        private final String hostKey;
        private final boolean tls;
        private final boolean helper;
        private final Work work;
        private final SmtpConnection connection;
        /** Recipients this session took and has no answer for yet: they share the failure when the session breaks off. */
        private final Set<String> pending = new LinkedHashSet<>();
        /** Until the server has answered a RCPT, a failure is the host's and the next host may do better. */
        private boolean answeredAny;
        private Set<String> capabilities = Set.of();
        private String mailFromCommand;
        private int rcptsInTransaction;
        /** RCPTs per transaction: ours, or fewer once the server has said 452 4.5.3 (too many recipients). */
        private int transactionLimit = Math.max(1, settings.maxRecipientsPerSession());

        Session(String domain, String mx, InetAddress ip, String hostKey, boolean tls, boolean helper, Work work,
                SmtpConnection connection) {
            this.domain = domain;
            this.mx = mx;
            this.ip = ip;
            this.hostKey = hostKey;
            this.tls = tls;
            this.helper = helper;
            this.work = work;
            this.connection = connection;
        }

        void run(boolean catchAllProbe) throws HostUnusable, TlsHandshakeFailed {
            try {
                converse(catchAllProbe);
            } catch (SocketTimeoutException timedOut) {
                breakOff(RcptOutcome.TIMEOUT, "no reply within " + settings.commandTimeout().toMillis() + " ms");
            } catch (IOException failure) {
                breakOff(RcptOutcome.ERROR,
                        failure instanceof EOFException ? "connection dropped" : "session failed: " + failure.getMessage());
            }
        }

        /**
         * Each phase returns false when it has ended the session and filled in the results. Lockstep, MAIL FROM goes first on its own. Pipelined, it opens the first group, and QUIT closes the group
         * that empties the queue: a session that asks one transaction's worth costs three round trips (banner, EHLO,
         * the group).
         */
        private void converse(boolean catchAllProbe) throws IOException, HostUnusable, TlsHandshakeFailed {
            if (!readGreeting() || !hello()) {
                return;
            }
            boolean pipelining = capabilities.contains("PIPELINING");
            mailFromCommand = "MAIL FROM:<" + settings.mailFrom() + ">" + (work.needUtf8 && smtpUtf8() ? " SMTPUTF8" : "");
            if (!pipelining && !mailFrom()) {
                return;
            }
            boolean mailOpen = !pipelining;
            boolean probe = catchAllProbe;
            while (true) {
                transactionLimit = Math.min(transactionLimit, work.transactionLimit);
                boolean full = rcptsInTransaction >= transactionLimit;
                int room = full ? transactionLimit : transactionLimit - rcptsInTransaction;
                int wanted = pipelining ? room - (probe ? 1 : 0) : (probe ? 0 : 1);
                List<String> taken = wanted > 0 ? work.take(wanted) : List.of();
                if (taken.isEmpty() && !probe) {
                    break;
                }
                pending.addAll(taken);
                if (!helper && mailOpen) {
                    offerHelpers(pipelining);
                }
                boolean open = pipelining ? askPipelined(!mailOpen, full, probe, taken, work.remaining() == 0)
                        : askInLockstep(full, probe, taken);
                if (!open) {
                    return;
                }
                mailOpen = true;
                probe = false;
            }
            quit(connection);
        }

        private void breakOff(RcptOutcome outcome, String detail) throws HostUnusable {
            if (!answeredAny) {
                work.giveBack(pending);
                pending.clear();
                if (helper) {
                    return; // the domain's other sessions ask for them
                }
                throw new HostUnusable(outcome, detail);
            }
            failRest(outcome, detail);
        }

        /** What this session took, and for the domain's first session what nobody took yet, shares one failure. */
        private void failRest(RcptOutcome outcome, String detail) {
            List<String> rest = new ArrayList<>(pending);
            if (!helper) {
                rest.addAll(work.takeAll());
            }
            failAll(work, rest, outcome, detail, mx);
            pending.clear();
        }

        /** More sessions on this host while the queue is long enough to pay for one and a slot is free for it. */
        private void offerHelpers(boolean pipelining) {
            int perHelper = pipelining ? PIPELINED_TRANSACTIONS_PER_HELPER * transactionLimit : LOCKSTEP_RECIPIENTS_PER_HELPER;
            while (work.liveHelpers() + 1 < limiter.perHost() && work.remaining() >= perHelper * (work.liveHelpers() + 1)
                    && limiter.tryAcquire(hostKey)) {
                work.startHelper(() -> {
                    try {
                        runSession(domain, mx, ip, work, false, tls, true);
                    } catch (HostUnusable | InterruptedException ignored) {
                        // a helper that cannot help leaves its recipients to the other sessions
                    }
                });
            }
        }

        /** A 5xx banner refuses us, not the mailboxes; a 4xx one may be this host's alone. */
        private boolean readGreeting() throws IOException, HostUnusable {
            SmtpReply banner = connection.read();
            if (banner.permanentFailure()) {
                failRest(RcptOutcome.BLOCKED, "banner " + banner.summary());
                if (!helper) {
                    work.catchAll = null;
                }
                return false;
            }
            if (!banner.positive()) {
                if (helper) {
                    return false;
                }
                throw new HostUnusable(RcptOutcome.TRANSIENT, "banner " + banner.summary());
            }
            return true;
        }

        /** EHLO, or HELO for a server that does not know it; then STARTTLS when offered. */
        private boolean hello() throws IOException, HostUnusable, TlsHandshakeFailed {
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
                failRest(refusal(helo), "HELO " + helo.summary());
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
            SmtpReply from = connection.command(mailFromCommand);
            if (!from.positive()) {
                failRest(refusal(from), "MAIL FROM " + from.summary());
                quit(connection);
                return false;
            }
            return true;
        }

        /** One command, one reply. False when the server closed the channel midway. */
        private boolean askInLockstep(boolean full, boolean probe, List<String> rcpts) throws IOException {
            if (full) {
                newTransaction();
            }
            if (probe) {
                catchAllAnswer(connection.command("RCPT TO:<" + randomLocalPart() + "@" + domain + ">"));
            }
            for (String rcpt : rcpts) {
                if (unaskable(rcpt)) {
                    continue;
                }
                SmtpReply reply = rcptTo(rcpt);
                if (reply.code() == 421) {
                    failRest(RcptOutcome.TRANSIENT, "server closing: " + reply.summary());
                    return false;
                }
            }
            return true;
        }

        /**
         * RFC 2920: the transaction's commands in one group (MAIL FROM first in a new session, RSET and MAIL FROM when
         * the last transaction is full; QUIT last when nothing is left to take), then the replies in the order of the
         * commands. Recipients the server found one too many are asked again, once, in transactions no larger than it
         * took: in this session, or in another one when QUIT already went out. False when the session is over.
         */
        private boolean askPipelined(boolean openMail, boolean full, boolean probe, List<String> rcpts, boolean quitToo)
                throws IOException {
            List<String> asked = new ArrayList<>(rcpts.size());
            for (String rcpt : rcpts) {
                if (!unaskable(rcpt)) {
                    asked.add(rcpt);
                }
            }
            List<String> tooMany = new ArrayList<>();
            if (!group(openMail, full, probe, asked, tooMany, quitToo)) {
                return false;
            }
            for (List<String> again : partition(tooMany, transactionLimit)) {
                if (!group(false, true, false, again, null, false)) {
                    return false;
                }
            }
            return true;
        }

        /** One pipelined group and its replies; false when the session is over (QUIT answered, refused, closing). */
        private boolean group(boolean openMail, boolean reset, boolean probe, List<String> rcpts, List<String> tooMany,
                              boolean quitToo) throws IOException {
            List<String> commands = new ArrayList<>(rcpts.size() + 4);
            if (reset) {
                commands.add("RSET");
            }
            if (reset || openMail) {
                commands.add(mailFromCommand);
            }
            if (probe) {
                commands.add("RCPT TO:<" + randomLocalPart() + "@" + domain + ">");
            }
            for (String rcpt : rcpts) {
                commands.add("RCPT TO:<" + rcpt + ">");
            }
            if (quitToo) {
                commands.add("QUIT");
            }
            connection.send(commands);
            if (reset) {
                expectNewTransaction(connection.read(), connection.read());
            } else if (openMail && !mailAccepted(connection.read(), (probe ? 1 : 0) + rcpts.size(), quitToo)) {
                return false;
            }
            if (probe) {
                catchAllAnswer(connection.read());
            }
            for (String rcpt : rcpts) {
                SmtpReply reply = connection.read();
                answeredAny = true;
                RcptOutcome outcome = RcptOutcome.classify(reply);
                if (outcome == RcptOutcome.TOO_MANY_RECIPIENTS && tooMany != null && work.firstTooMany(rcpt)) {
                    tooMany.add(rcpt);
                    continue;
                }
                rcptsInTransaction++;
                record(rcpt, new RcptResult(outcome == RcptOutcome.TOO_MANY_RECIPIENTS ? RcptOutcome.TRANSIENT : outcome,
                        reply.summary(), mx));
                if (reply.code() == 421) {
                    failRest(RcptOutcome.TRANSIENT, "server closing: " + reply.summary());
                    return false;
                }
            }
            if (tooMany != null && !tooMany.isEmpty()) {
                transactionLimit = Math.max(1, rcptsInTransaction);
                work.lowerTransactionLimit(transactionLimit);
            }
            if (quitToo) {
                if (tooMany != null && !tooMany.isEmpty()) {
                    work.giveBack(tooMany);
                    pending.removeAll(tooMany);
                }
                closed(connection, connection.read());
                return false;
            }
            return true;
        }

        /**
         * The reply to a pipelined MAIL FROM. Refused, the group's other replies are read (the server refuses its
         * RCPTs), the session ends, and the recipients fail as refused, or a helper hands them back.
         */
        private boolean mailAccepted(SmtpReply from, int repliesToSkip, boolean quitToo) throws IOException {
            if (from.positive()) {
                if (!helper) {
                    offerHelpers(true);
                }
                return true;
            }
            if (helper) {
                work.giveBack(pending);
                pending.clear();
            } else {
                failRest(refusal(from), "MAIL FROM " + from.summary());
            }
            for (int i = 0; i < repliesToSkip; i++) {
                connection.read();
            }
            if (quitToo) {
                closed(connection, connection.read());
            } else {
                quit(connection);
            }
            return false;
        }

        /** A random local part: if it is accepted, so is any address of the domain. */
        private void catchAllAnswer(SmtpReply reply) {
            answeredAny = true;
            RcptOutcome outcome = RcptOutcome.classify(reply);
            work.catchAll = outcome == RcptOutcome.ACCEPTED ? Boolean.TRUE : outcome == RcptOutcome.NOT_FOUND ? Boolean.FALSE : null;
            work.catchAllTransient = outcome == RcptOutcome.TRANSIENT;
            rcptsInTransaction++;
        }

        /** A UTF-8 address for a server without SMTPUTF8 is answered here, without asking. */
        private boolean unaskable(String rcpt) {
            if (nonAscii(rcpt) && !smtpUtf8()) {
                record(rcpt, new RcptResult(RcptOutcome.ERROR, "server does not offer SMTPUTF8", mx));
                return true;
            }
            return false;
        }

        /** RCPT TO in a transaction with room for it; a "too many recipients" answer is asked again in a new one. */
        private SmtpReply rcptTo(String rcpt) throws IOException {
            if (rcptsInTransaction >= transactionLimit) {
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
            expectNewTransaction(rset, rset.positive() ? connection.command(mailFromCommand) : null);
        }

        private void expectNewTransaction(SmtpReply rset, SmtpReply from) throws IOException {
            if (!rset.positive()) {
                throw new IOException("RSET refused: " + rset.summary());
            }
            if (!from.positive()) {
                throw new IOException("MAIL FROM refused after RSET: " + from.summary());
            }
            rcptsInTransaction = 0;
        }

        private void record(String rcpt, RcptResult result) {
            work.results.put(rcpt, result);
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
            closed(connection, connection.command("QUIT"));
        } catch (IOException ignored) {
            // the answers are in; a rude goodbye changes nothing
        }
    }

    private static void closed(SmtpConnection connection, SmtpReply bye) {
        if (bye.code() == 221) {
            connection.awaitClose(500);
        }
    }

    private static void failAll(Work work, Iterable<String> rcpts, RcptOutcome outcome, String detail, String mx) {
        for (String rcpt : rcpts) {
            work.results.putIfAbsent(rcpt, new RcptResult(outcome, detail, mx));
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
