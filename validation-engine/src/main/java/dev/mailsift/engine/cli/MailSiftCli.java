package dev.mailsift.engine.cli;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.EmailVerifierBuilder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar mailsift-engine.jar verify|check ...}: see {@link #USAGE}.
 */
public final class MailSiftCli {

    static final String USAGE = """
            usage:
              mailsift-engine verify [options] EMAIL...        one JSON object per line, in input order
              mailsift-engine verify [options] --stdin         addresses from standard input, one per line
              mailsift-engine check  [options] INPUT [-o OUTPUT]
                                                               reads CSV/TSV/TXT/XLSX, writes a results file
                                                               (CSV, or XLSX when OUTPUT ends in .xlsx) and prints a summary
            options:
              --offline                syntax and lists only: no DNS, no SMTP, no network at all
              --dns-server HOST[:PORT] resolver to ask (default: the system's)
              --smtp-port N            port of MX hosts (default 25)
              --helo NAME              EHLO name (default localhost.localdomain; use your host's real name)
              --from ADDR              MAIL FROM address (default verify@<helo name>)
              --timeout MS             SMTP command timeout (default 30000)
              --connect-timeout MS     SMTP connect timeout (default 10000)
              --dns-timeout MS         DNS query timeout (default 5000)
              --greylist-delay MS      wait before retrying a 4xx once (default 30000; 0 = no retry)
              --max-per-host N         concurrent connections per MX host (default 5)
              --socks HOST:PORT        SOCKS5 proxy for SMTP
              --no-starttls            do not upgrade with STARTTLS
              --no-catch-all           skip the catch-all probe
              --lists-dir DIR          list files that replace the shipped snapshots
            check options:
              -o, --output FILE        results file (default INPUT.results.csv, or .xlsx for XLSX input)
              --email-column NAME|N    column holding the address (name, or 1-based number)
              --header | --no-header   force header detection
              --delimiter C            field delimiter (',', ';', 'tab', '|')
              --charset NAME           input charset (default: detected)
            exit status: 0 done, 2 usage error, 3 bad input file
            """;

    private MailSiftCli() {
    }

    public static void main(String[] args) {
        // dnsjava logs through SLF4J; the CLI ships no provider, and stdout must stay JSON only.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // Buffered: a write per line is a system call per line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
        int code = run(args, System.in, out, System.err);
        out.flush();
        System.exit(code);
    }

    /** Testable entry point: returns the exit status. */
    public static int run(String[] args, java.io.InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        if (args[0].equals("-h") || args[0].equals("--help")) {
            out.print(USAGE);
            return 0;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (EmailVerifier verifier = o.verifier()) {
            return switch (o.command) {
                case "verify" -> verify(o, verifier, stdin, out, err);
                case "check" -> CheckCommand.run(o, verifier, out, err);
                default -> {
                    err.println("error: unknown command " + o.command);
                    err.print(USAGE);
                    yield 2;
                }
            };
        }
    }

    private static int verify(Options o, EmailVerifier verifier, java.io.InputStream stdin, PrintStream out, PrintStream err) {
        if (!o.stdin && o.positional.isEmpty()) {
            err.println("error: verify needs at least one EMAIL or --stdin");
            return 2;
        }
        try {
            if (o.stdin) {
                // Offline checks are pure computation: one worker per processor.
                JsonLinesVerification.run(verifier, stdin, out, o.offline ? Runtime.getRuntime().availableProcessors() : 1);
            } else {
                JsonLinesVerification.write(verifier, o.positional, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Parsed command line. */
    static final class Options {
        String command;
        final List<String> positional = new ArrayList<>();
        boolean offline;
        boolean stdin;
        String dnsServer;
        Integer smtpPort;
        String helo;
        String from;
        Long timeoutMs;
        Long connectTimeoutMs;
        Long dnsTimeoutMs;
        Long greylistDelayMs;
        Integer maxPerHost;
        String socks;
        boolean noStartTls;
        boolean noCatchAll;
        Path listsDir;
        Path output;
        String emailColumn;
        Boolean header;
        Character delimiter;
        String charset;

        static Options parse(String[] args) {
            Options o = new Options();
            o.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--offline" -> o.offline = true;
                    case "--stdin" -> o.stdin = true;
                    case "--dns-server" -> o.dnsServer = value(args, ++i, a);
                    case "--smtp-port" -> o.smtpPort = intValue(args, ++i, a);
                    case "--helo" -> o.helo = value(args, ++i, a);
                    case "--from" -> o.from = value(args, ++i, a);
                    case "--timeout" -> o.timeoutMs = (long) intValue(args, ++i, a);
                    case "--connect-timeout" -> o.connectTimeoutMs = (long) intValue(args, ++i, a);
                    case "--dns-timeout" -> o.dnsTimeoutMs = (long) intValue(args, ++i, a);
                    case "--greylist-delay" -> o.greylistDelayMs = (long) intValue(args, ++i, a);
                    case "--max-per-host" -> o.maxPerHost = intValue(args, ++i, a);
                    case "--socks" -> o.socks = value(args, ++i, a);
                    case "--no-starttls" -> o.noStartTls = true;
                    case "--no-catch-all" -> o.noCatchAll = true;
                    case "--lists-dir" -> o.listsDir = Path.of(value(args, ++i, a));
                    case "-o", "--output" -> o.output = Path.of(value(args, ++i, a));
                    case "--email-column" -> o.emailColumn = value(args, ++i, a);
                    case "--header" -> o.header = true;
                    case "--no-header" -> o.header = false;
                    case "--delimiter" -> o.delimiter = delimiter(value(args, ++i, a));
                    case "--charset" -> o.charset = value(args, ++i, a);
                    case "--" -> {
                        while (++i < args.length) {
                            o.positional.add(args[i]);
                        }
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.positional.add(a);
                    }
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int intValue(String[] args, int i, String name) {
            try {
                return Integer.parseInt(value(args, i, name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number");
            }
        }

        private static char delimiter(String s) {
            return switch (s) {
                case "tab", "\\t", "\t" -> '\t';
                default -> {
                    if (s.length() != 1) {
                        throw new IllegalArgumentException("--delimiter takes one character or 'tab'");
                    }
                    yield s.charAt(0);
                }
            };
        }

        EmailVerifier verifier() {
            EmailVerifierBuilder b = EmailVerifier.builder().offline(offline);
            if (dnsServer != null) {
                b.dnsServer(dnsServer);
            }
            if (smtpPort != null) {
                b.smtpPort(smtpPort);
            }
            if (helo != null) {
                b.heloName(helo);
            }
            if (from != null) {
                b.mailFrom(from);
            }
            if (timeoutMs != null) {
                b.commandTimeout(Duration.ofMillis(timeoutMs));
            }
            if (connectTimeoutMs != null) {
                b.connectTimeout(Duration.ofMillis(connectTimeoutMs));
            }
            if (dnsTimeoutMs != null) {
                b.dnsTimeout(Duration.ofMillis(dnsTimeoutMs));
            }
            if (greylistDelayMs != null) {
                b.greylistDelay(Duration.ofMillis(greylistDelayMs));
            }
            if (maxPerHost != null) {
                b.maxConnectionsPerHost(maxPerHost);
            }
            if (socks != null) {
                EmailVerifier.HostPort hp = EmailVerifier.HostPort.parse(socks, 1080);
                b.socksProxy(hp.host(), hp.port());
            }
            if (listsDir != null) {
                b.lists(new dev.mailsift.engine.lists.DomainLists(dev.mailsift.engine.lists.ListSnapshots.fromDirectory(listsDir)));
            }
            return b.startTls(!noStartTls).catchAllCheck(!noCatchAll).build();
        }
    }

}
