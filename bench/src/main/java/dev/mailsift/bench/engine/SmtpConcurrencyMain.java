package dev.mailsift.bench.engine;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.support.PipeliningSmtpServer;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.ScriptedSmtpServer.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SMTP simulation: ADDRESSES addresses over DOMAINS domains whose MX records point at HOSTS local SMTP servers
 * (127.0.0.2, 127.0.0.3, ... on one port) that answer every command DELAY ms after it arrived (the banner DELAY ms
 * after the connection), like distant servers; they offer PIPELINING unless MODE is {@code lockstep}. RCPT answers
 * 250, except local parts starting with "bad" and MailSift's random catch-all probe ("ms" + 14 letters): 550 5.1.1.
 * Verifies them all with one EmailVerifier (per-host cap CAP), checks every verdict, and prints addresses/s and the
 * most concurrent connections any one server saw. Args: [addresses=10000] [domains=500] [hosts=20] [delayMs=100]
 * [cap=10] [mode=pipelining|lockstep].
 */
public final class SmtpConcurrencyMain {

    public static void main(String[] args) throws Exception {
        int addresses = arg(args, 0, 10_000);
        int domains = arg(args, 1, 500);
        int hosts = arg(args, 2, 20);
        int delay = arg(args, 3, 100);
        int cap = arg(args, 4, 10);
        boolean pipelining = args.length <= 5 || !args[5].equals("lockstep");
        PipeliningSmtpServer.Options options = pipelining ? PipeliningSmtpServer.Options.pipelining(delay)
                : PipeliningSmtpServer.Options.lockstep(delay);
        List<PipeliningSmtpServer> servers = new ArrayList<>();
        try (BenchDnsServer dns = new BenchDnsServer()) {
            PipeliningSmtpServer first = new PipeliningSmtpServer("127.0.0.2", 0, options, SmtpConcurrencyMain::answer);
            servers.add(first);
            int port = first.port();
            for (int h = 1; h < hosts; h++) {
                servers.add(new PipeliningSmtpServer("127.0.0." + (2 + h), port, options, SmtpConcurrencyMain::answer));
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
                int wrong = 0;
                for (int i = 0; i < verdicts.size(); i++) {
                    Verdict v = verdicts.get(i);
                    counts.merge(v.status(), 1, Integer::sum);
                    Status expected = list.get(i).startsWith("bad") ? Status.UNDELIVERABLE : Status.DELIVERABLE;
                    if (v.status() != expected || v.catchAll()) {
                        wrong++;
                    }
                }
                int maxSeen = servers.stream().mapToInt(PipeliningSmtpServer::maxConcurrentSessions).max().orElse(0);
                int sessions = servers.stream().mapToInt(PipeliningSmtpServer::sessionsStarted).sum();
                int depth = servers.stream().mapToInt(PipeliningSmtpServer::maxCommandsAwaitingReply).max().orElse(0);
                System.out.println("verdicts: " + counts + "; wrong: " + wrong);
                System.out.printf(Locale.ROOT, "sessions: %d; most commands awaiting replies on one connection: %d (%s servers)%n",
                        sessions, depth, pipelining ? "pipelining" : "lockstep");
                System.out.println("highest concurrent sessions seen by each host: " + servers.stream()
                        .map(server -> String.valueOf(server.maxConcurrentSessions())).toList());
                System.out.printf(Locale.ROOT, "client-side max concurrent per host: %d (cap %d)%n",
                        verifier.hostLimiter().maxConcurrentSeen(), cap);
                System.out.printf(Locale.ROOT,
                        "smtp simulation: %d addresses over %d domains on %d hosts (%d ms per reply, %s) in %.2f s = %.0f addresses/s; %d verdicts wrong; max concurrent connections on one host: %d (cap %d)%n",
                        addresses, domains, hosts, delay, pipelining ? "pipelining" : "lockstep", seconds, addresses / seconds,
                        wrong, maxSeen, cap);
            }
        } finally {
            for (PipeliningSmtpServer s : servers) {
                s.close();
            }
        }
    }

    private static Answer answer(String recipient) {
        String local = recipient.substring(0, recipient.indexOf('@'));
        boolean catchAllProbe = local.length() == 16 && local.startsWith("ms");
        return local.startsWith("bad") || catchAllProbe ? new ScriptedSmtpServer.Reject(550, "5.1.1 no such user")
                : ScriptedSmtpServer.ACCEPT;
    }

    private static int arg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }
}
