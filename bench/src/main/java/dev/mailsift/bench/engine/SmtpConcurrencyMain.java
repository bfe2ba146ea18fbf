package dev.mailsift.bench.engine;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SMTP simulation: ADDRESSES addresses over DOMAINS domains whose MX records point at HOSTS local SMTP servers
 * (127.0.0.2, 127.0.0.3, ... on one port) that answer every command after DELAY ms. Verifies them all with
 * one EmailVerifier (per-host cap CAP) and prints addresses/s and the most concurrent connections any one
 * server saw. Args: [addresses=10000] [domains=500] [hosts=20] [delayMs=100] [cap=10].
 */
public final class SmtpConcurrencyMain {

    public static void main(String[] args) throws Exception {
        int addresses = arg(args, 0, 10_000);
        int domains = arg(args, 1, 500);
        int hosts = arg(args, 2, 20);
        int delay = arg(args, 3, 100);
        int cap = arg(args, 4, 10);
        List<SlowSmtpServer> servers = new ArrayList<>();
        try (BenchDnsServer dns = new BenchDnsServer()) {
            SlowSmtpServer first = new SlowSmtpServer("127.0.0.2", 0, delay);
            servers.add(first);
            int port = first.port();
            for (int h = 1; h < hosts; h++) {
                servers.add(new SlowSmtpServer("127.0.0." + (2 + h), port, delay));
            }
            for (int h = 0; h < hosts; h++) {
                dns.a("mx" + h + ".mailsift-bench.com", "127.0.0." + (2 + h));
            }
            for (int d = 0; d < domains; d++) {
                dns.mx("d" + d + ".mailsift-bench.com", "mx" + (d % hosts) + ".mailsift-bench.com");
            }
            List<String> list = new ArrayList<>(addresses);
            for (int i = 0; i < addresses; i++) {
                list.add((i % 10 == 0 ? "bad" : "user") + i + "@d" + (i % domains) + ".mailsift-bench.com");
            }
            try (EmailVerifier verifier = EmailVerifier.builder()
                    .dnsServer("127.0.0.1", dns.port())
                    .smtpPort(port)
                    .heloName("bench.mailsift.test")
                    .maxConnectionsPerHost(cap)
                    .commandTimeout(Duration.ofSeconds(10))
                    .build()) {
                long t0 = System.nanoTime();
                List<Verdict> verdicts = verifier.verifyAll(list);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<Status, Integer> counts = new EnumMap<>(Status.class);
                for (Verdict v : verdicts) {
                    counts.merge(v.status(), 1, Integer::sum);
                }
                int maxSeen = servers.stream().mapToInt(SlowSmtpServer::maxConcurrent).max().orElse(0);
                System.out.println("verdicts: " + counts);
                System.out.printf(Locale.ROOT, "client-side max concurrent per host: %d (cap %d)%n",
                        verifier.hostLimiter().maxConcurrentSeen(), cap);
                System.out.printf(Locale.ROOT,
                        "smtp simulation: %d addresses over %d domains on %d hosts (%d ms per reply) in %.2f s = %.0f addresses/s; max concurrent connections on one host: %d (cap %d)%n",
                        addresses, domains, hosts, delay, seconds, addresses / seconds, maxSeen, cap);
            }
        } finally {
            for (SlowSmtpServer s : servers) {
                s.close();
            }
        }
    }

    private static int arg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }
}
