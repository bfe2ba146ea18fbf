package dev.mailsift.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.bench.BenchApi;
import dev.mailsift.bench.BenchArguments;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.TestDnsServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * End-to-end throughput of the batch pipeline: a synthetic list of N rows is uploaded over HTTP to a MailSift
 * application booted in this JVM (PostgreSQL + RabbitMQ by default, {@code --embedded} for H2 + in-process
 * workers), and the wall-clock from upload start to {@code status: completed} is measured. In the same run and
 * the same database, the raw ceiling: a JDBC batch insert of N event-sized rows (500 per transaction).
 *
 * <p>Run it with {@code bench/pipeline/run.sh} (it builds the classpath: web's classes are not in the shaded
 * bench jar). Options: {@code --rows N} (100000), {@code --smtp} (probe mailboxes against local SMTP servers;
 * default off, DNS only), {@code --embedded}, {@code --chunk-size N}, {@code --workers N},
 * {@code --postgres HOST:PORT} (127.0.0.1:5432), {@code --amqp URL}, {@code --seed N}, {@code --keep-db},
 * {@code --stripe-deliveries N} (N signed Stripe events at once a second into the job; their acknowledgement rate
 * and latency go in the table), {@code --warmup-rows N} (as many as {@code --rows}, at most 100000; a job of N
 * other rows runs first, unmeasured, so that the measured job runs on compiled code as a service that has been up a
 * while does; 0 measures a cold JVM, whose JIT compiler then takes a large share of the CPU figure; the table gives
 * the CPU of the JIT compiler threads during the measured job).
 * Any other {@code --name=value} argument is passed on to the application. The last line of the output is
 * {@code pipeline: N rows in S s = R rows/s; jdbc ceiling C rows/s; ratio X; CPU Y s = Z rows per CPU second}.
 */
public final class PipelineBenchmark {

    static final String ADMIN_EMAIL = "operator@mailsift.bench";
    static final String ADMIN_PASSWORD = "operator-password-bench-1";
    static final String JWT_SECRET = "bWFpbHNpZnQtYmVuY2gtc2VjcmV0LW1haWxzaWZ0LWJlbmNoLXNlY3JldC0zMmJ5dGVz";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Big mailbox providers: 60% of the rows. */
    static final String[] PROVIDERS = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
            "gmx.de"};
    static final double[] PROVIDER_WEIGHTS = {0.45, 0.2, 0.12, 0.1, 0.08, 0.05};
    static final int COMPANIES = 500;
    static final int NX_DOMAINS = 40;

    public static void main(String[] argv) {
        int exit;
        try {
            exit = run(Options.parse(argv));
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 2;
        }
        System.exit(exit); // the app's non-daemon threads must not keep the JVM alive
    }

    static int run(Options o) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true"); // no network here; it logs a stack a minute
        PrintLines out = new PrintLines();
        out.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage() + ", java " + System.getProperty("java.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");

        // 1. DNS (and, with --smtp, SMTP) on loopback
        TestDnsServer dns = listDns(o.smtpHosts);
        List<ScriptedSmtpServer> smtp = new ArrayList<>();
        int smtpPort = 25;
        if (o.smtp) {
            ScriptedSmtpServer first = ScriptedSmtpServer.start("127.0.0.1", 0, false, r -> ScriptedSmtpServer.ACCEPT);
            smtp.add(first);
            smtpPort = first.port();
            for (int h = 2; h <= o.smtpHosts; h++) {
                smtp.add(ScriptedSmtpServer.start("127.0.0." + h, smtpPort, false, r -> ScriptedSmtpServer.ACCEPT));
            }
        }

        // 2. list
        byte[] list = generate(o.rows, o.seed);
        out.add(String.format(Locale.ROOT, "list: %,d rows, %,d bytes; ~60%% on %d providers, the rest on %d "
                        + "companies, ~2%% NXDOMAIN, ~3%% bad syntax, ~5%% duplicates; SMTP probing %s",
                o.rows, list.length, PROVIDERS.length, COMPANIES, o.smtp ? "ON (" + o.smtpHosts
                        + " local servers, accept all)" : "off (DNS only)"));

        // 3. database
        String dbName = null;
        String jdbcUrl;
        Path dataDir = Files.createTempDirectory("mailsift-bench-pipeline-");
        if (o.embedded) {
            jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("mailsift")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        } else {
            dbName = "mailsift_bench_pipeline_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + o.postgres + "/postgres",
                    o.pgUser, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + dbName);
            }
            jdbcUrl = "jdbc:postgresql://" + o.postgres + "/" + dbName + "?reWriteBatchedInserts=true";
        }

        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--mailsift.data-dir=" + dataDir,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + (o.embedded ? "sa" : o.pgUser),
                "--spring.datasource.password=",
                "--mailsift.admin.email=" + ADMIN_EMAIL,
                "--mailsift.admin.password=" + ADMIN_PASSWORD,
                "--mailsift.security.jwt-secret=" + JWT_SECRET,
                "--mailsift.security.rate-limits.enabled=false",
                "--mailsift.pipeline.engine.dns-server=127.0.0.1:" + dns.port(),
                "--mailsift.pipeline.engine.smtp-probe=" + (o.smtp ? "on" : "off"),
                "--mailsift.pipeline.engine.smtp-port=" + smtpPort,
                // a queue of its own: chunks on the shared default queue are taken by any other MailSift on the
                // same broker (a test run, another engineer's app), which records them in its own database
                "--mailsift.pipeline.chunk-queue=mailsift.chunks.bench-" + UUID.randomUUID(),
                "--mailsift.pipeline.chunk-queue-expires=PT10M",
                "--logging.file.name=" + o.appLog,
                "--logging.threshold.console=WARN"));
        if (o.chunkSize > 0) {
            args.add("--mailsift.pipeline.chunk-size=" + o.chunkSize);
        }
        if (o.workers > 0) {
            args.add("--mailsift.pipeline.worker-concurrency=" + o.workers);
        }
        if (!o.embedded) {
            args.add("--MAILSIFT_AMQP_URL=" + o.amqp);
        }
        if (o.stripeDeliveries > 0) {
            args.add("--mailsift.billing.stripe.webhook-secret=" + StripeDeliveryBurst.WEBHOOK_SECRET);
        }
        if (o.webhookMessages > 0) {
            // the receiver is on loopback, which webhooks refuse unless the network is allowed
            args.add("--mailsift.webhooks.allowed-private-networks=127.0.0.0/8");
        }
        args.addAll(o.passThrough);

        try {
            return measure(o, out, args, list, dataDir, jdbcUrl);
        } finally {
            dns.close();
            smtp.forEach(ScriptedSmtpServer::close);
            if (dbName != null && !o.keepDb) {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + o.postgres + "/postgres",
                        o.pgUser, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
                }
            }
        }
    }

    static int measure(Options o, PrintLines out, List<String> args, byte[] list, Path dataDir, String jdbcUrl)
            throws Exception {
        Files.deleteIfExists(Path.of(o.appLog));
        Class<?> application = Class.forName("dev.mailsift.MailSiftApplication");
        long bootStart = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
        double bootSeconds = (System.nanoTime() - bootStart) / 1e9;
        Result result;
        double ceiling;
        List<String> phases;
        String auditChain;
        String messaging;
        try {
            var env = app.getEnvironment();
            boolean rabbit = env.getProperty("mailsift.amqp.enabled", Boolean.class, false);
            messaging = rabbit ? "RabbitMQ at " + env.getProperty("spring.rabbitmq.addresses")
                    .replaceAll("//[^@]*@", "//") : "embedded in-process";
            if (!o.embedded && !rabbit) {
                throw new IllegalStateException("MAILSIFT_AMQP_URL did not reach the application: it runs embedded");
            }
            String startupLine = Files.exists(Path.of(o.appLog)) ? Files.readAllLines(Path.of(o.appLog)).stream()
                    .filter(l -> l.contains("messaging:")).reduce((a, b) -> b).orElse("(none)").strip() : "(none)";
            int port = Integer.parseInt(env.getProperty("local.server.port"));
            out.add(String.format(Locale.ROOT, "app: booted in %.1f s on port %d; database %s; messaging %s; chunk "
                            + "size %s, worker concurrency %s", bootSeconds, port,
                    o.embedded ? "H2 (embedded, " + dataDir + ")" : "PostgreSQL " + jdbcUrl, messaging,
                    env.getProperty("mailsift.pipeline.chunk-size"),
                    env.getProperty("mailsift.pipeline.worker-concurrency")));
            out.add("app start-up log: " + startupLine);

            BenchApi api = new BenchApi("http://127.0.0.1:" + port, Duration.ofSeconds(120));
            DataSource dataSource = app.getBean(DataSource.class);
            if (o.warmupRows > 0) {
                // other addresses (another seed), so that no domain's DNS answer is cached for the measured job
                runPipeline(api, dataSource, generate(o.warmupRows, o.seed + 1), o.warmupRows, o.timeoutSeconds, 0, 0,
                        port);
            }
            long positionBefore = lastPosition(dataSource);
            result = runPipeline(api, dataSource, list, o.rows, o.timeoutSeconds, o.stripeDeliveries,
                    o.webhookMessages, port);
            phases = phases(dataSource, result, positionBefore);
            auditChain = auditChain(dataSource, jdbcUrl, o.embedded);
            ceiling = jdbcCeiling(dataSource, o.rows, o.embedded);
        } finally {
            app.close();
        }

        double rate = o.rows / result.seconds;
        out.add("");
        out.add("| step | figure |");
        out.add("| --- | --- |");
        out.add(o.warmupRows > 0
                ? String.format(Locale.ROOT, "| JVM | warmed up by a %,d-row job before the measured one |",
                        o.warmupRows)
                : "| JVM | cold: the measured job is the first (JIT compilation included in the CPU figure) |");
        out.add(String.format(Locale.ROOT, "| CPU of the JIT compiler threads during the measured job (in the CPU "
                + "figure) | %.1f s |", result.jitCpuSeconds));
        out.add(String.format(Locale.ROOT, "| upload (HTTP 202) | %.2f s |", result.uploadSeconds));
        out.add(String.format(Locale.ROOT, "| upload start -> JobCompleted appended (results stored) | %.2f s |",
                result.seconds));
        out.add(String.format(Locale.ROOT, "| pipeline throughput | %,.0f rows/s |", rate));
        out.add(String.format(Locale.ROOT, "| CPU of this JVM, upload start -> completed (load-independent) | %.1f s "
                + "(%,.0f rows per CPU second) |", result.cpuSeconds, o.rows / result.cpuSeconds));
        out.add(String.format(Locale.ROOT, "| jdbc ceiling (batches of 500 per tx) | %,.0f rows/s |", ceiling));
        out.add("| rows total / to check / duplicates / done | " + result.job.path("rows_total").asLong() + " / "
                + result.job.path("rows_to_check").asLong() + " / " + result.job.path("duplicates").asLong()
                + " / " + result.job.path("rows_done").asLong() + " |");
        out.add("| counts | " + result.job.path("counts") + " |");
        out.add("| reasons | " + result.job.path("reasons") + " |");
        out.add("| credits reserved / captured | " + result.job.path("credits_reserved").asLong() + " / "
                + result.job.path("credits_captured").asLong() + " |");
        if (result.stripe != null) {
            out.add("| Stripe deliveries during the job | " + result.stripe.line() + " |");
        }
        if (result.webhooks != null) {
            out.add("| outbound webhooks during the job | " + result.webhooks.line() + " |");
        }
        out.add("| results CSV | " + result.dataRows + " data rows (expected " + o.rows + ")"
                + (result.dataRows == o.rows ? "" : " MISMATCH") + " |");
        out.add("");
        out.add("event store timeline (seconds after upload start, from domainevententry.timestamp):");
        phases.forEach(p -> out.add("  " + p));
        out.add(auditChain);
        out.add("load average at end: " + loadAverage());
        out.flush();
        System.out.printf(Locale.ROOT, "pipeline: %d rows in %.1f s = %d rows/s; jdbc ceiling %d rows/s; ratio %.2f; "
                        + "CPU %.1f s = %d rows per CPU second%n", o.rows, result.seconds, Math.round(rate),
                Math.round(ceiling), rate / ceiling, result.cpuSeconds, Math.round(o.rows / result.cpuSeconds));
        System.out.flush();
        return result.dataRows == o.rows ? 0 : 1;
    }

    /**
     * How far the audit chain's sealing trails the appends (it runs behind them: sealed through the last event how
     * long after the job completed), and how long the offline verifier takes over the whole store (PostgreSQL only:
     * the embedded H2 file is the running application's). Pass {@code --mailsift.audit.seal-interval=1h} to run the
     * pipeline with sealing idle, for the comparison.
     */
    static String auditChain(DataSource dataSource, String jdbcUrl, boolean embedded) throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(120).toNanos();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long last = single(statement, "SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry");
            while (single(statement, "SELECT position FROM audit_chain_head") < last) {
                if (System.nanoTime() > deadline) {
                    return "audit chain: not sealed through the last event within 120 s of completion (sealing idle?)";
                }
                Thread.sleep(100);
            }
        }
        double lag = (System.nanoTime() - started) / 1e9;
        if (embedded) {
            return String.format(Locale.ROOT, "audit chain: sealed through the last event %.1f s after completion", lag);
        }
        Class<?> verifier = Class.forName("dev.mailsift.web.audit.integrity.OfflineVerifier");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream sink = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
        long verifyStart = System.nanoTime();
        int exit = (int) verifier.getMethod("run", String[].class, Map.class, java.io.PrintStream.class,
                java.io.PrintStream.class).invoke(null, new String[]{"verify"},
                Map.of("MAILSIFT_DB_URL", jdbcUrl, "MAILSIFT_DB_USER", "postgres"), sink, sink);
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        String summary = printed.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        return String.format(Locale.ROOT, "audit chain: sealed through the last event %.1f s after completion; "
                + "offline verification (exit %d) %.1f s: %s", lag, exit, verifySeconds, summary);
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * @param stripe   the Stripe deliveries sent while the job ran, or null
     * @param webhooks the outbound webhook messages delivered while the job ran, or null
     */
    record Result(double uploadSeconds, double seconds, double cpuSeconds, double jitCpuSeconds, Instant start,
                  JsonNode job, long dataRows,
                  StripeDeliveryBurst.Figures stripe, WebhookBurst.Figures webhooks) {
    }

    /**
     * How often the job is polled for its completion. Each poll costs the service a request (security, a read-model
     * query), which a benchmark should not add to the pipeline's CPU figure; the completion time itself is read from
     * the event store ({@code JobCompleted}), so it does not depend on this interval.
     */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    static Result runPipeline(BenchApi api, DataSource dataSource, byte[] list, int rows, long timeoutSeconds,
                              int stripeDeliveries, int webhookMessages, int port) throws Exception {
        String token = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        WebhookBurst webhooks = webhookMessages > 0 ? WebhookBurst.register(api, token) : null;
        String userId = api.call("GET", "/api/v1/account", token, null).get("id").asText();
        api.call("POST", "/api/v1/admin/users/" + userId + "/credits", token,
                Map.of("amount", rows + 1000L, "reason", "pipeline benchmark"));

        Instant start = Instant.now();
        long cpu0 = processCpuNanos();
        double jit0 = jitCpuSeconds();
        long t0 = System.nanoTime();
        HttpResponse<String> upload = api.upload("/api/v1/jobs", token, "bench.csv", list);
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        String jobId = JSON.readTree(upload.body()).get("id").asText();
        java.util.concurrent.CompletableFuture<StripeDeliveryBurst.Figures> stripe = stripeDeliveries <= 0 ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(1_000); // the job is verifying by then
                        return StripeDeliveryBurst.send(port, stripeDeliveries);
                    } catch (Exception e) {
                        throw new IllegalStateException("Stripe deliveries failed", e);
                    }
                });
        java.util.concurrent.CompletableFuture<WebhookBurst.Figures> webhookFigures = webhooks == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        Thread.sleep(1_000); // the job is verifying by then
                        return webhooks.send(api, token, webhookMessages, timeoutSeconds);
                    } catch (Exception e) {
                        throw new IllegalStateException("webhook messages failed", e);
                    }
                });
        JsonNode job;
        long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            HttpResponse<String> poll = api.get("/api/v1/jobs/" + jobId, token);
            if (poll.statusCode() == 404 && System.nanoTime() < deadline) { // the jobs read model has not caught up
                Thread.sleep(100);
                continue;
            }
            if (poll.statusCode() != 200) {
                throw new IllegalStateException("GET job answered " + poll.statusCode() + ": " + poll.body());
            }
            job = JSON.readTree(poll.body());
            String status = job.path("status").asText();
            if (status.equals("completed")) {
                break;
            }
            if (List.of("rejected", "failed", "cancelled").contains(status) || System.nanoTime() > deadline) {
                throw new IllegalStateException("job not completed (timeout " + timeoutSeconds + " s): " + job);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        double jitCpuSeconds = jitCpuSeconds() - jit0;
        double seconds = Duration.between(start, completedAt(dataSource, jobId)).toNanos() / 1e9;
        HttpResponse<String> csv = api.get("/api/v1/jobs/" + jobId + "/results?format=csv", token);
        if (csv.statusCode() != 200) {
            throw new IllegalStateException("results answered " + csv.statusCode());
        }
        long lines = csv.body().lines().filter(l -> !l.isEmpty()).count();
        WebhookBurst.Figures webhookFiguresJoined = webhookFigures == null ? null : webhookFigures.join();
        if (webhooks != null) {
            webhooks.stop();
        }
        return new Result(uploadSeconds, seconds, cpuSeconds, jitCpuSeconds, start, job, lines - 1,
                stripe == null ? null : stripe.join(), webhookFiguresJoined);
    }

    /** When the job's {@code JobCompleted} was appended: its results are stored by then. */
    static Instant completedAt(DataSource dataSource, String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT timestamp FROM domainevententry "
                     + "WHERE aggregateidentifier = ? AND payloadtype = 'dev.mailsift.api.job.JobCompleted'")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("job " + jobId + " shows completed but has no JobCompleted event");
                }
                return Instant.parse(rs.getString(1));
            }
        }
    }

    /** CPU time of this JVM (the application and the benchmark's polling), PostgreSQL and RabbitMQ not included. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of this JVM's JIT compiler threads so far, from Linux's {@code /proc/self/task/<tid>/stat} (the
     * threads are hidden from {@code ThreadMXBean}, and {@code CompilationMXBean} counts elapsed time, which grows
     * while they wait for a core): how far from compiled the service still was, a share of the CPU figure that a
     * service long up does not pay. NaN where there is no such file.
     */
    static double jitCpuSeconds() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        long ticks = 0;
        try (var threads = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path thread : threads.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(thread.resolve("stat"));
                    // "tid (name) state ppid ..." where the name may hold spaces; utime and stime are fields 14, 15
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended while being read: its time is no longer counted anyway
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    static long lastPosition(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return single(s, "SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry");
        }
    }

    /**
     * When the job's milestones were appended, relative to the upload start (event store timestamps), from the events
     * after {@code positionBefore} (the warm-up job's come before it).
     */
    static List<String> phases(DataSource dataSource, Result result, long positionBefore) throws SQLException {
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("first JobUploaded", "min:%.JobUploaded");
        sql.put("FileAccepted", "min:%.FileAccepted");
        sql.put("first CreditsReserved", "min:%.CreditsReserved");
        sql.put("ValidationQueued", "min:%.ValidationQueued");
        sql.put("first RowValidated", "min:%.RowValidated");
        sql.put("first ChunkValidated", "min:%.ChunkValidated");
        sql.put("last RowValidated", "max:%.RowValidated");
        sql.put("last ChunkValidated", "max:%.ChunkValidated");
        sql.put("JobCompleted", "max:%.JobCompleted");
        sql.put("last CreditsCaptured", "max:%.CreditsCaptured");
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (var e : sql.entrySet()) {
                String[] spec = e.getValue().split(":", 2);
                try (PreparedStatement ps = c.prepareStatement("SELECT " + spec[0] + "(timestamp), count(*) FROM "
                        + "domainevententry WHERE payloadtype LIKE ? AND globalindex > ?")) {
                    ps.setString(1, spec[1]);
                    ps.setLong(2, positionBefore);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String ts = rs.getString(1);
                        lines.add(String.format(Locale.ROOT, "%-22s %s  (%,d events)", e.getKey(), ts == null ? "-"
                                        : String.format(Locale.ROOT, "%7.2f s", Duration.between(result.start,
                                        Instant.parse(ts)).toMillis() / 1000.0), rs.getLong(2)));
                    }
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT payloadtype, count(*), sum(length(payload)), "
                         + "sum(length(metadata)) FROM domainevententry WHERE globalindex > " + positionBefore
                         + " GROUP BY payloadtype ORDER BY 2 DESC")) {
                lines.add("events by type (count, avg payload bytes, avg metadata bytes):");
                while (rs.next()) {
                    long n = rs.getLong(2);
                    lines.add(String.format(Locale.ROOT, "  %-45s %,9d %6d %6d", rs.getString(1), n,
                            rs.getLong(3) / Math.max(1, n), rs.getLong(4) / Math.max(1, n)));
                }
            }
        }
        return lines;
    }

    /** N event-sized rows (600-byte bytea payload, a few varchars) inserted in batches of 500, one tx each. */
    static double jdbcCeiling(DataSource dataSource, int rows, boolean embedded) throws SQLException {
        byte[] payload = new byte[600];
        new Random(1).nextBytes(payload);
        String type = embedded ? "BIGINT AUTO_INCREMENT" : "BIGSERIAL";
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_ceiling");
                s.execute("CREATE TABLE bench_ceiling (globalindex " + type + " PRIMARY KEY, "
                        + "aggregateidentifier VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL, "
                        + "type VARCHAR(255), eventidentifier VARCHAR(255) NOT NULL, metadata BYTEA, "
                        + "payload BYTEA NOT NULL, payloadrevision VARCHAR(255), payloadtype VARCHAR(255) NOT NULL, "
                        + "timestamp VARCHAR(255) NOT NULL, "
                        + "CONSTRAINT uq_bench_ceiling_seq UNIQUE (aggregateidentifier, sequencenumber), "
                        + "CONSTRAINT uq_bench_ceiling_id UNIQUE (eventidentifier))");
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling (aggregateidentifier, "
                    + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, "
                    + "timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                String aggregate = UUID.randomUUID().toString();
                byte[] metadata = "{\"traceId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < rows; i++) {
                    if (i % 500 == 0) {
                        aggregate = UUID.randomUUID().toString();
                    }
                    ps.setString(1, aggregate);
                    ps.setLong(2, i % 500);
                    ps.setString(3, "ValidationChunk");
                    ps.setString(4, UUID.randomUUID().toString());
                    ps.setBytes(5, metadata);
                    ps.setBytes(6, payload);
                    ps.setString(7, null);
                    ps.setString(8, "dev.mailsift.api.job.RowValidated");
                    ps.setString(9, Instant.now().toString());
                    ps.addBatch();
                    if ((i + 1) % 500 == 0 || i == rows - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.setAutoCommit(auto);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_ceiling");
            }
            return rows / seconds;
        }
    }

    // ---- list generation ------------------------------------------------------------------------------------

    /**
     * A DNS server on loopback that knows the domains of {@link #generate}'s lists: MX and A records (127.0.0.1 to
     * 127.0.0.{@code smtpHosts}) for the providers and companies; the NX domains are not registered, so it answers
     * NXDOMAIN for them. Also used by the dashboard benchmark.
     */
    public static TestDnsServer listDns(int smtpHosts) throws java.net.SocketException {
        TestDnsServer dns = new TestDnsServer();
        for (int i = 0; i < PROVIDERS.length; i++) {
            String mx = "mx" + i + "." + PROVIDERS[i];
            dns.mx(PROVIDERS[i], 10, mx).a(mx, "127.0.0." + (1 + i % smtpHosts));
        }
        for (int i = 0; i < COMPANIES; i++) {
            String domain = company(i);
            String mx = "mail." + domain;
            dns.mx(domain, 10, mx).a(mx, "127.0.0." + (1 + i % smtpHosts));
        }
        return dns;
    }

    static String company(int i) {
        return "company" + i + (i % 3 == 0 ? ".com" : i % 3 == 1 ? ".net" : ".io");
    }

    static final String[] FIRST = {"ada", "bob", "carol", "dan", "eve", "frank", "grace", "heidi", "ivan", "judy",
            "mallory", "oscar", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe", "li"};
    static final String[] LAST = {"smith", "jones", "garcia", "miller", "davis", "lopez", "wilson", "martin", "lee",
            "walker", "hall", "young", "king", "wright", "scott", "green", "baker", "adams", "nelson", "hill"};

    /** The benchmark's CSV list of {@code rows} rows (the mix in the class comment); the same seed, the same bytes. */
    public static byte[] generate(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(rows * 60);
        csv.append("id,email,first_name,last_name,company\n");
        List<String> emitted = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            double roll = random.nextDouble();
            String email;
            String company;
            if (roll < 0.05 && !emitted.isEmpty()) {             // duplicate, sometimes in other case
                String earlier = emitted.get(random.nextInt(emitted.size()));
                email = random.nextBoolean() ? earlier : earlier.toUpperCase(Locale.ROOT);
                company = "dup";
            } else if (roll < 0.08) {                            // syntax-invalid
                email = switch (random.nextInt(4)) {
                    case 0 -> first + "." + last + "@@" + company(random.nextInt(COMPANIES));
                    case 1 -> first + " " + last;
                    case 2 -> first + "." + last + "@" + "gmail";
                    default -> first + ".." + last + i + "@" + PROVIDERS[0];
                };
                company = "junk";
            } else if (roll < 0.10) {                            // NXDOMAIN
                email = first + "." + last + i + "@gone-company" + random.nextInt(NX_DOMAINS) + ".com";
                company = "gone";
            } else if (roll < 0.70) {                            // 60%: the big providers
                email = first + "." + last + i + "@" + provider(random);
                company = "";
                emitted.add(email);
            } else {                                             // 30%: companies
                int c = random.nextInt(COMPANIES);
                email = first.charAt(0) + last + i + "@" + company(c);
                company = "Company " + c;
                emitted.add(email);
            }
            csv.append(i + 1).append(',').append(email).append(',').append(first).append(',').append(last)
               .append(',').append(company).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String provider(Random random) {
        double r = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < PROVIDERS.length; i++) {
            acc += PROVIDER_WEIGHTS[i];
            if (r < acc) {
                return PROVIDERS[i];
            }
        }
        return PROVIDERS[0];
    }

    static String loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage());
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    /** Collects the report so that it is printed after the application has stopped logging. */
    static final class PrintLines {
        final List<String> lines = new ArrayList<>();

        void add(String line) {
            lines.add(line);
        }

        void flush() {
            lines.forEach(System.out::println);
        }
    }

    static final class Options {
        int rows = 100_000;
        boolean smtp;
        int smtpHosts = 4;
        boolean embedded;
        int chunkSize;
        int workers;
        String postgres = "127.0.0.1:5432";
        String pgUser = "postgres";
        String amqp = "amqp://guest:guest@127.0.0.1:5672";
        long seed = 42;
        long timeoutSeconds = 300;
        int stripeDeliveries;
        int webhookMessages;
        /** Unless given: as many rows as the measured job, at most {@link #MAX_DEFAULT_WARMUP_ROWS}. */
        int warmupRows = -1;
        static final int MAX_DEFAULT_WARMUP_ROWS = 100_000;
        boolean keepDb;
        String appLog = "bench/target/pipeline-app.log";
        final List<String> passThrough = new ArrayList<>();

        static Options parse(String[] argv) {
            Options o = new Options();
            BenchArguments args = new BenchArguments(argv);
            while (args.hasNext()) {
                String a = args.next();
                switch (a) {
                    case "--rows" -> o.rows = args.rows();
                    case "--smtp" -> o.smtp = true;
                    case "--smtp-hosts" -> o.smtpHosts = Integer.parseInt(args.value());
                    case "--embedded" -> o.embedded = true;
                    case "--chunk-size" -> o.chunkSize = Integer.parseInt(args.value());
                    case "--workers" -> o.workers = Integer.parseInt(args.value());
                    case "--postgres" -> o.postgres = args.value();
                    case "--postgres-user" -> o.pgUser = args.value();
                    case "--amqp" -> o.amqp = args.value();
                    case "--seed" -> o.seed = Long.parseLong(args.value());
                    case "--keep-db" -> o.keepDb = true;
                    case "--timeout" -> o.timeoutSeconds = Long.parseLong(args.value());
                    case "--stripe-deliveries" -> o.stripeDeliveries = Integer.parseInt(args.value());
                    case "--webhook-messages" -> o.webhookMessages = Integer.parseInt(args.value());
                    case "--warmup-rows" -> o.warmupRows = args.rows();
                    case "--app-log" -> o.appLog = args.value();
                    default -> BenchArguments.passThrough(a, o.passThrough);
                }
            }
            if (o.warmupRows < 0) {
                o.warmupRows = Math.min(o.rows, MAX_DEFAULT_WARMUP_ROWS);
            }
            return o;
        }
    }
}
