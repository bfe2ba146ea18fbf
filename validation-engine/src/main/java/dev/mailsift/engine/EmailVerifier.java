package dev.mailsift.engine;

import dev.mailsift.engine.dns.DnsResolver;
import dev.mailsift.engine.dns.MxResult;
import dev.mailsift.engine.lists.DomainLists;
import dev.mailsift.engine.smtp.HostLimiter;
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
        AddressAnalysis[] analyses = new AddressAnalysis[emails.size()];
        Map<String, List<Integer>> byDomain = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            String email = emails.get(i);
            AddressAnalysis a = analyse(email);
            analyses[i] = a;
            if (a.finalVerdict != null || offline) {
                out[i] = a.finalVerdict != null ? a.finalVerdict : VerdictPolicy.offline(a);
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
                    fill(e.getValue(), analyses, out, VerdictPolicy.internalError(failure), null);
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

    private AddressAnalysis analyse(String email) {
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
            AddressAnalysis a = new AddressAnalysis(email, r, null, suggestion, false, false, false);
            a.finalVerdict = VerdictPolicy.invalidAddress(a);
            return a;
        }
        String local = r.localPart();
        boolean disposable = !r.addressLiteral() && lists.isDisposable(r.asciiDomain());
        boolean role = !r.quotedLocal() && lists.isRole(local);
        boolean free = !r.addressLiteral() && lists.isFreeProvider(r.asciiDomain());
        String suggestion = r.addressLiteral() ? null : Suggester.suggest(local, r.asciiDomain());
        AddressAnalysis a = new AddressAnalysis(email, r, Normalizer.normalize(r), suggestion, disposable, role, free);
        if (r.addressLiteral()) {
            a.finalVerdict = VerdictPolicy.addressLiteral(a);
        }
        return a;
    }

    // ---------------------------------------------------------------- online part

    private void verifyDomain(String domain, List<Integer> indices, AddressAnalysis[] analyses, Verdict[] out)
            throws InterruptedException {
        MxResult mx = dns.lookupMx(domain);
        String provider = Providers.byMxHost(mx.primaryHost());
        // Disposability is the domain's, so any of its addresses answers for all.
        VerdictPolicy.DomainRuling ruling = VerdictPolicy.beforeProbe(mx, analyses[indices.get(0)].disposable, smtpProbe);
        if (ruling != null) {
            fill(indices, analyses, out, ruling, provider);
            return;
        }
        Map<String, List<Integer>> byRecipient = new LinkedHashMap<>();
        for (int i : indices) {
            AddressAnalysis a = analyses[i];
            String rcpt = a.syntax.localPart() + "@" + domain;
            byRecipient.computeIfAbsent(rcpt.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
        }
        Map<String, String> wire = new LinkedHashMap<>();
        for (var e : byRecipient.entrySet()) {
            AddressAnalysis a = analyses[e.getValue().get(0)];
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
                out[i] = VerdictPolicy.afterProbe(analyses[i], rr, catchAll, provider);
            }
        }
    }

    private static void fill(List<Integer> indices, AddressAnalysis[] analyses, Verdict[] out,
                             VerdictPolicy.DomainRuling ruling, String provider) {
        for (int i : indices) {
            out[i] = analyses[i].verdict(ruling.status(), ruling.reason(), false, false, ruling.mxHost(), provider,
                    ruling.detail());
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
