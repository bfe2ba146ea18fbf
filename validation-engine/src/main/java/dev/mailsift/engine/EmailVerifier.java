package dev.mailsift.engine;

import dev.mailsift.engine.dns.DnsResolver;
import dev.mailsift.engine.dns.MxResult;
import dev.mailsift.engine.lists.DomainLists;
import dev.mailsift.engine.smtp.HostLimiter;
import dev.mailsift.engine.smtp.RcptOutcome;
import dev.mailsift.engine.smtp.SmtpProber;
import dev.mailsift.engine.smtp.SmtpSettings;
import dev.mailsift.engine.syntax.EmailSyntax;
import dev.mailsift.engine.syntax.Normalizer;
import dev.mailsift.engine.syntax.Providers;
import dev.mailsift.engine.syntax.Suggester;
import dev.mailsift.engine.syntax.SyntaxResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Verifies addresses: syntax, normalisation and lists (always), then DNS and an SMTP probe unless offline.
 * Thread-safe; share one instance. {@link #verifyAll(List)} groups addresses by domain, runs the domains
 * concurrently on virtual threads and returns the verdicts in input order.
 *
 * <pre>{@code
 * try (EmailVerifier v = EmailVerifier.builder().heloName("mx.example.com").mailFrom("probe@example.com").build()) {
 *     Verdict verdict = v.verify("someone@example.org");
 * }
 * }</pre>
 */
public final class EmailVerifier implements AutoCloseable {

    private final boolean offline;
    private final boolean smtpProbe;
    private final EmailSyntax syntax;
    private final DomainLists lists;
    private final DnsResolver dns;
    private final SmtpProber prober;
    private final HostLimiter hostLimiter;
    private final Semaphore domainSlots;
    private final ExecutorService executor;
    private final CatchAllCache catchAllCache;

    EmailVerifier(EmailVerifierBuilder b) {
        this.offline = b.offline;
        this.smtpProbe = b.smtpProbe;
        this.syntax = b.syntax != null ? b.syntax : EmailSyntax.standard();
        this.lists = b.lists != null ? b.lists : DomainLists.shipped();
        this.hostLimiter = new HostLimiter(b.maxConnectionsPerHost);
        if (b.offline) {
            this.dns = null;
            this.prober = null;
            this.executor = null;
        } else {
            this.dns = new DnsResolver(b.dnsHost, b.dnsPort, b.dnsTimeout, b.maxDnsQueries);
            SmtpSettings s = new SmtpSettings(b.smtpPort, b.heloName, b.mailFrom != null ? b.mailFrom : "verify@" + b.heloName,
                    b.connectTimeout, b.commandTimeout, b.startTls, b.socksProxy, b.maxRecipientsPerSession,
                    b.greylistDelay, b.catchAllCheck);
            this.prober = new SmtpProber(s, hostLimiter, dns);
            this.executor = Executors.newVirtualThreadPerTaskExecutor();
        }
        this.domainSlots = new Semaphore(b.maxConcurrentDomains);
        this.catchAllCache = new CatchAllCache(b.catchAllTtl);
    }

    public static EmailVerifierBuilder builder() {
        return new EmailVerifierBuilder();
    }

    /** The list data in use; {@link DomainLists#reload} swaps it at run time. */
    public DomainLists lists() {
        return lists;
    }

    /** Connection accounting (per-host cap and the highest concurrency seen). */
    public HostLimiter hostLimiter() {
        return hostLimiter;
    }

    public boolean offline() {
        return offline;
    }

    public Verdict verify(String email) {
        return verifyAll(List.of(email)).get(0);
    }

    /** Verdicts in input order. Duplicates are checked once. */
    public List<Verdict> verifyAll(List<String> emails) {
        Verdict[] out = new Verdict[emails.size()];
        Analysis[] analyses = new Analysis[emails.size()];
        Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            String email = emails.get(i);
            Analysis a = analyse(email);
            analyses[i] = a;
            if (a.finalVerdict != null || offline) {
                out[i] = a.finalVerdict != null ? a.finalVerdict : a.offlineVerdict();
            } else {
                byDomain.computeIfAbsent(a.syntax.asciiDomain(), d -> new ArrayList<>()).add(i);
            }
        }
        if (byDomain.isEmpty()) {
            return Arrays.asList(out);
        }
        List<Future<?>> futures = new ArrayList<>(byDomain.size());
        for (var e : byDomain.entrySet()) {
            futures.add(executor.submit(() -> {
                domainSlots.acquire();
                try {
                    verifyDomain(e.getKey(), e.getValue(), analyses, out);
                } catch (RuntimeException failure) {
                    // One domain's surprise must not cost the other domains their verdicts.
                    fill(e.getValue(), analyses, out, Status.UNKNOWN, Reason.SMTP_ERROR, null, null,
                            "internal error: " + failure);
                } finally {
                    domainSlots.release();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying", ie);
            } catch (ExecutionException ee) {
                throw new IllegalStateException("verification failed", ee.getCause());
            }
        }
        return Arrays.asList(out);
    }

    // ---------------------------------------------------------------- offline part

    private final class Analysis {
        final String email;
        final SyntaxResult syntax;
        final String normalized;
        final String suggestion;
        final boolean disposable;
        final boolean role;
        final boolean free;
        Verdict finalVerdict;

        Analysis(String email, SyntaxResult syntax, String normalized, String suggestion, boolean disposable,
                 boolean role, boolean free) {
            this.email = email;
            this.syntax = syntax;
            this.normalized = normalized;
            this.suggestion = suggestion;
            this.disposable = disposable;
            this.role = role;
            this.free = free;
        }

        Verdict verdict(Status status, Reason reason, boolean catchAll, boolean full, String mxHost, String provider,
                        String detail) {
            return new Verdict(email, status, reason, syntax.wellFormed(), normalized, suggestion, disposable, role, free,
                    catchAll, full, syntax.smtputf8(), mxHost,
                    provider != null ? provider : syntax.valid() ? Providers.byDomain(syntax.asciiDomain()) : null, detail);
        }

        Verdict offlineVerdict() {
            if (disposable) {
                return verdict(Status.RISKY, Reason.DISPOSABLE, false, false, null, null, "known disposable domain");
            }
            if (syntax.quotedLocal()) {
                return verdict(Status.RISKY, Reason.QUOTED_LOCAL_PART, false, false, null, null, "quoted local part");
            }
            return verdict(Status.UNKNOWN, Reason.NOT_CHECKED, false, false, null, null, "offline: mailbox not checked");
        }
    }

    private Analysis analyse(String email) {
        SyntaxResult r = syntax.parse(email);
        if (!r.valid()) {
            String suggestion = null;
            if (email != null) {
                int at = email.lastIndexOf('@');
                if (at > 0 && at < email.length() - 1) {
                    String fixed = Suggester.suggest(email.substring(0, at), email.substring(at + 1).toLowerCase(Locale.ROOT));
                    if (fixed != null && syntax.isValid(fixed)) {
                        suggestion = fixed;
                    }
                }
            }
            Analysis a = new Analysis(email, r, null, suggestion, false, false, false);
            a.finalVerdict = r.wellFormed()
                    ? a.verdict(Status.UNDELIVERABLE, Reason.UNKNOWN_TLD, false, false, null, null,
                            "top-level domain ." + topLevelDomain(r) + " is not delegated in the root zone")
                    : a.verdict(Status.UNDELIVERABLE, Reason.BAD_SYNTAX, false, false, null, null,
                            "syntax: " + r.error().code());
            return a;
        }
        String local = r.localPart();
        boolean disposable = !r.addressLiteral() && lists.isDisposable(r.asciiDomain());
        boolean role = !r.quotedLocal() && lists.isRole(local);
        boolean free = !r.addressLiteral() && lists.isFreeProvider(r.asciiDomain());
        String suggestion = r.addressLiteral() ? null : Suggester.suggest(local, r.asciiDomain());
        Analysis a = new Analysis(email, r, Normalizer.normalize(r), suggestion, disposable, role, free);
        if (r.addressLiteral()) {
            a.finalVerdict = a.verdict(Status.RISKY, Reason.ADDRESS_LITERAL, false, false, null, null,
                    "domain is an address literal");
        }
        return a;
    }

    private static String topLevelDomain(SyntaxResult r) {
        return r.unicodeDomain().substring(r.unicodeDomain().lastIndexOf('.') + 1);
    }

    // ---------------------------------------------------------------- online part

    private void verifyDomain(String domain, List<Integer> indices, Analysis[] analyses, Verdict[] out)
            throws InterruptedException {
        MxResult mx = dns.lookupMx(domain);
        String mxHost = mx.primaryHost();
        String provider = Providers.byMxHost(mxHost);
        switch (mx.kind()) {
            case NO_DOMAIN -> fill(indices, analyses, out, Status.UNDELIVERABLE, Reason.NO_DOMAIN, null, provider, "domain does not exist (NXDOMAIN)");
            case NULL_MX -> fill(indices, analyses, out, Status.UNDELIVERABLE, Reason.NULL_MX, null, provider, "domain accepts no mail (null MX)");
            case NO_MX -> fill(indices, analyses, out, Status.UNDELIVERABLE, Reason.NO_MX, null, provider, mx.detail());
            case ERROR -> fill(indices, analyses, out, Status.UNKNOWN, Reason.DNS_ERROR, null, provider, mx.detail());
            case OK -> {
                Analysis any = analyses[indices.get(0)];
                if (any.disposable) {
                    fill(indices, analyses, out, Status.RISKY, Reason.DISPOSABLE, mxHost, provider, "known disposable domain");
                    return;
                }
                if (!smtpProbe) {
                    // The domain takes mail; whether the mailbox exists was not asked, so we cannot tell (and do not charge).
                    fill(indices, analyses, out, Status.UNKNOWN, Reason.NOT_CHECKED, mxHost, provider,
                            "mailbox not probed (SMTP probing is off)");
                    return;
                }
                Map<String, List<Integer>> byRecipient = new LinkedHashMap<>();
                for (int i : indices) {
                    Analysis a = analyses[i];
                    String rcpt = a.syntax.localPart() + "@" + domain;
                    byRecipient.computeIfAbsent(rcpt.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
                }
                Map<String, String> wire = new LinkedHashMap<>();
                for (var e : byRecipient.entrySet()) {
                    Analysis a = analyses[e.getValue().get(0)];
                    wire.put(e.getKey(), a.syntax.localPart() + "@" + domain);
                }
                Boolean cachedCatchAll = catchAllCache.get(domain);
                SmtpProber.DomainProbe probe = prober.probe(domain, mx.hosts(), List.copyOf(new LinkedHashSet<>(wire.values())),
                        cachedCatchAll);
                if (cachedCatchAll == null && probe.catchAll() != null) {
                    catchAllCache.put(domain, probe.catchAll());
                }
                boolean catchAll = Boolean.TRUE.equals(probe.catchAll());
                for (var e : byRecipient.entrySet()) {
                    SmtpProber.RcptResult rr = probe.results().get(wire.get(e.getKey()));
                    for (int i : e.getValue()) {
                        out[i] = smtpVerdict(analyses[i], rr, catchAll, provider);
                    }
                }
            }
        }
    }

    private Verdict smtpVerdict(Analysis a, SmtpProber.RcptResult rr, boolean catchAll, String provider) {
        String mxHost = rr.mxHost();
        String p = provider != null ? provider : Providers.byMxHost(mxHost);
        RcptOutcome o = rr.outcome();
        return switch (o) {
            case ACCEPTED -> {
                if (catchAll) {
                    yield a.verdict(Status.RISKY, Reason.CATCH_ALL, true, false, mxHost, p, "domain accepts any address: " + rr.detail());
                }
                if (a.syntax.quotedLocal()) {
                    yield a.verdict(Status.RISKY, Reason.QUOTED_LOCAL_PART, false, false, mxHost, p, rr.detail());
                }
                if (a.role) {
                    yield a.verdict(Status.RISKY, Reason.ROLE_ACCOUNT, false, false, mxHost, p, rr.detail());
                }
                yield a.verdict(Status.DELIVERABLE, Reason.ACCEPTED, false, false, mxHost, p, rr.detail());
            }
            case NOT_FOUND -> a.verdict(Status.UNDELIVERABLE, Reason.MAILBOX_NOT_FOUND, catchAll, false, mxHost, p, rr.detail());
            case MAILBOX_FULL -> a.verdict(Status.RISKY, Reason.MAILBOX_FULL, catchAll, true, mxHost, p, rr.detail());
            case BLOCKED -> a.verdict(Status.UNKNOWN, Reason.BLOCKED, catchAll, false, mxHost, p, rr.detail());
            case TRANSIENT, TOO_MANY_RECIPIENTS -> a.verdict(Status.UNKNOWN, Reason.GREYLISTED, catchAll, false, mxHost, p, rr.detail());
            case TIMEOUT -> a.verdict(Status.UNKNOWN, Reason.SMTP_TIMEOUT, catchAll, false, mxHost, p, rr.detail());
            case ERROR -> a.verdict(Status.UNKNOWN, Reason.SMTP_ERROR, catchAll, false, mxHost, p, rr.detail());
        };
    }

    private static void fill(List<Integer> indices, Analysis[] analyses, Verdict[] out, Status s, Reason r, String mxHost,
                             String provider, String detail) {
        for (int i : indices) {
            out[i] = analyses[i].verdict(s, r, false, false, mxHost, provider, detail);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** A parsed {@code host[:port]}. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String s, int defaultPort) {
            String t = s.trim();
            if (t.startsWith("[")) {
                int end = t.indexOf(']');
                String host = t.substring(1, end);
                return new HostPort(host, end + 1 < t.length() ? Integer.parseInt(t.substring(end + 2)) : defaultPort);
            }
            int colon = t.lastIndexOf(':');
            if (colon > 0 && t.indexOf(':') == colon) {
                return new HostPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
            }
            return new HostPort(t, defaultPort);
        }
    }
}
