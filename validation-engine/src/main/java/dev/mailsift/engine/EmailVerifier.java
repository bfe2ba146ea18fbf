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

    EmailVerifier(EmailVerifierBuilder options) {
        this.offline = options.offline;
        this.smtpProbe = options.smtpProbe;
        this.syntax = options.syntax != null ? options.syntax : EmailSyntax.standard();
        this.lists = options.lists != null ? options.lists : DomainLists.shipped();
        this.hostLimiter = new HostLimiter(options.maxConnectionsPerHost);
        if (options.offline) {
            this.dns = null;
            this.prober = null;
            this.executor = null;
        } else {
            this.dns = new DnsResolver(options.dnsHost, options.dnsPort, options.dnsTimeout, options.maxDnsQueries);
            String mailFrom = options.mailFrom != null ? options.mailFrom : "verify@" + options.heloName;
            SmtpSettings smtpSettings = new SmtpSettings(options.smtpPort, options.heloName, mailFrom,
                    options.connectTimeout, options.commandTimeout, options.startTls, options.socksProxy,
                    options.maxRecipientsPerSession, options.greylistDelay, options.catchAllCheck);
            this.prober = new SmtpProber(smtpSettings, hostLimiter, dns);
            this.executor = Executors.newVirtualThreadPerTaskExecutor();
        }
        this.domainSlots = new Semaphore(options.maxConcurrentDomains);
        this.catchAllCache = new CatchAllCache(options.catchAllTtl);
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
            AddressAnalysis analysis = analyse(email);
            analyses[i] = analysis;
            if (analysis.finalVerdict != null || offline) {
                out[i] = analysis.finalVerdict != null ? analysis.finalVerdict : VerdictPolicy.offline(analysis);
            } else {
                byDomain.computeIfAbsent(analysis.syntax.asciiDomain(), domain -> new ArrayList<>()).add(i);
            }
        }
        if (byDomain.isEmpty()) {
            return Arrays.asList(out);
        }
        List<Future<?>> futures = new ArrayList<>(byDomain.size());
        for (var domainAndIndices : byDomain.entrySet()) {
            futures.add(executor.submit(() -> {
                domainSlots.acquire();
                try {
                    verifyDomain(domainAndIndices.getKey(), domainAndIndices.getValue(), analyses, out);
                } catch (RuntimeException failure) {
                    // One domain's surprise must not cost the other domains their verdicts.
                    fill(domainAndIndices.getValue(), analyses, out, VerdictPolicy.internalError(failure), null);
                } finally {
                    domainSlots.release();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while verifying", interrupted);
            } catch (ExecutionException failed) {
                throw new IllegalStateException("verification failed", failed.getCause());
            }
        }
        return Arrays.asList(out);
    }

    // ---------------------------------------------------------------- offline part

    private AddressAnalysis analyse(String email) {
        SyntaxResult parsed = syntax.parse(email);
        if (!parsed.valid()) {
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
            AddressAnalysis analysis = new AddressAnalysis(email, parsed, null, suggestion, false, false, false);
            analysis.finalVerdict = VerdictPolicy.invalidAddress(analysis);
            return analysis;
        }
        String local = parsed.localPart();
        boolean disposable = !parsed.addressLiteral() && lists.isDisposable(parsed.asciiDomain());
        boolean role = !parsed.quotedLocal() && lists.isRole(local);
        boolean free = !parsed.addressLiteral() && lists.isFreeProvider(parsed.asciiDomain());
        String suggestion = parsed.addressLiteral() ? null : Suggester.suggest(local, parsed.asciiDomain());
        AddressAnalysis analysis = new AddressAnalysis(email, parsed, Normalizer.normalize(parsed), suggestion, disposable,
                role, free);
        if (parsed.addressLiteral()) {
            analysis.finalVerdict = VerdictPolicy.addressLiteral(analysis);
        }
        return analysis;
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
        for (int index : indices) {
            String rcpt = analyses[index].syntax.localPart() + "@" + domain;
            byRecipient.computeIfAbsent(rcpt.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(index);
        }
        Map<String, String> wire = new LinkedHashMap<>();
        for (var recipientAndIndices : byRecipient.entrySet()) {
            AddressAnalysis first = analyses[recipientAndIndices.getValue().get(0)];
            wire.put(recipientAndIndices.getKey(), first.syntax.localPart() + "@" + domain);
        }
        Boolean cachedCatchAll = catchAllCache.get(domain);
        SmtpProber.DomainProbe probe = prober.probe(domain, mx.hosts(), List.copyOf(new LinkedHashSet<>(wire.values())),
                cachedCatchAll);
        if (cachedCatchAll == null && probe.catchAll() != null) {
            catchAllCache.put(domain, probe.catchAll());
        }
        boolean catchAll = Boolean.TRUE.equals(probe.catchAll());
        for (var recipientAndIndices : byRecipient.entrySet()) {
            SmtpProber.RcptResult rcptResult = probe.results().get(wire.get(recipientAndIndices.getKey()));
            for (int index : recipientAndIndices.getValue()) {
                out[index] = VerdictPolicy.afterProbe(analyses[index], rcptResult, catchAll, provider);
            }
        }
    }

    private static void fill(List<Integer> indices, AddressAnalysis[] analyses, Verdict[] out,
                             VerdictPolicy.DomainRuling ruling, String provider) {
        for (int index : indices) {
            out[index] = analyses[index].verdict(ruling.status(), ruling.reason(), false, false, ruling.mxHost(), provider,
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
        public static HostPort parse(String text, int defaultPort) {
            String trimmed = text.trim();
            if (trimmed.startsWith("[")) {
                int end = trimmed.indexOf(']');
                String host = trimmed.substring(1, end);
                return new HostPort(host, end + 1 < trimmed.length() ? Integer.parseInt(trimmed.substring(end + 2)) : defaultPort);
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon > 0 && trimmed.indexOf(':') == colon) {
                return new HostPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
            }
            return new HostPort(trimmed, defaultPort);
        }
    }
}
