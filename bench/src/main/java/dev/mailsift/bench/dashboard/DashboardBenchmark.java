package dev.mailsift.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.bench.BenchApi;
import dev.mailsift.bench.BenchArguments;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.mailsift.bench.pipeline.PipelineBenchmark;
import dev.mailsift.engine.support.TestDnsServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard as a person sees it, on the embedded default: the service's jar started as {@code ./mailsift run}
 * starts it (H2 file database, in-process messaging; a fresh data directory; SMTP probing off and a DNS server on
 * loopback that knows the list's domains, as in the pipeline benchmark), driven by the system's headless Chromium.
 *
 * <ol>
 *     <li><b>Progress latency</b>: a person signs up, confirms the mailed code (the embedded default writes mail to
 *     the log) and is granted credits by the operator; a list of N rows is uploaded and the job's page opened. An
 *     observer in the page records, with {@code performance.timeOrigin + performance.now()}, every change of the
 *     progress bar's value (the {@code <progress>} element, whose value is its {@code aria-valuenow}). Once the job
 *     has completed the service is stopped and its event store read: each {@code ChunkValidated} event's timestamp
 *     (stamped when the chunk's last event is applied, before its unit of work appends the chunk's events and
 *     commits, so the figure includes the append and the commit) and the rows done after it. Each bar change is
 *     matched with the chunk whose verdicts it first shows; chunks recorded before the page showed the job are
 *     left out.</li>
 *     <li><b>Time to interactive</b> of the home page and of the job's page: full loads of an open session (the
 *     refresh cookie), navigation start to the later of the route's content being rendered ({@code #main h1}
 *     present: the app draws a route only when all it shows has loaded, its controls wired) and the end of the last
 *     long task (over 50 ms, Chromium's {@code longtask} entries) before a quiet window of {@code --quiet-ms} with
 *     none (Lighthouse's rule, without its network condition). One unmeasured load first; the median of K.</li>
 * </ol>
 * The last line: {@code dashboard: progress latency p50 X ms, p95 Y ms, max Z ms over N updates (R rows); time to
 * interactive home A ms, job B ms (median of K)}. Run it with {@code bench/dashboard/run.sh [options]}:
 * {@code --rows N} (100000), {@code --warmup-rows N} (20000: a job of N other rows first, unmeasured, so that the
 * service runs compiled code as one that has been up a while does; 0 for a service just started), {@code --loads K}
 * (7), {@code --quiet-ms Q} (5000), {@code --jar PATH} (web/target/mailsift.jar), {@code --chromium PATH}
 * (/usr/bin/chromium), {@code --timeout SECONDS} (600), {@code --keep-data}, {@code --profile} (where the time goes: see
 * {@link Profile}); any other {@code --name=value} goes to the
 * service.
 */
public final class DashboardBenchmark {

    static final String OPERATOR_EMAIL = "operator@mailsift.example";
    static final String OPERATOR_PASSWORD = "operator-password-bench-1";
    static final String PERSON_EMAIL = "dana.bench@example.com";
    static final String PERSON_PASSWORD = "person-password-bench-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHUNK_VALIDATED = "dev.mailsift.api.job.ChunkValidated";

    /**
     * Installed in every document before its own scripts: the progress bar's value each time it changes (the job
     * page redraws its summary on every progress event, so the bar is a new element each time: its value is compared
     * with the last one seen), the time the route's content appeared, and the long tasks.
     */
    static final String PAGE_PROBE = """
            (() => {
              const probe = { bars: [], longTasks: [], ready: null, readyPath: null, fcp: null };
              window.__dashboardBench = probe;
              try {
                new PerformanceObserver((list) => {
                  for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
                }).observe({ type: 'longtask', buffered: true });
                new PerformanceObserver((list) => {
                  for (const entry of list.getEntries()) {
                    if (entry.name === 'first-contentful-paint') probe.fcp = entry.startTime;
                  }
                }).observe({ type: 'paint', buffered: true });
              } catch (e) { probe.observerError = String(e); }
              let last = null;
              new MutationObserver(() => {
                const now = performance.now();
                const main = document.getElementById('main');
                if (!main) return;
                if (probe.ready === null && main.querySelector('h1') && location.pathname !== '/sign-in') {
                  probe.ready = now;
                  probe.readyPath = location.pathname;
                }
                const bar = main.querySelector('.job-summary progress');
                const value = bar ? bar.getAttribute('value') : null;
                if (value !== null && value !== last) {
                  last = value;
                  const record = { at: performance.timeOrigin + now, value: Number(value), frame: null };
                  probe.bars.push(record);
                  requestAnimationFrame(() => { record.frame = performance.timeOrigin + performance.now(); });
                }
              }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
            })();
            """;

    public static void main(String[] argv) {
        int exit;
        try {
            exit = run(Options.parse(argv));
        } catch (Throwable t) {
            t.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    static int run(Options o) throws Exception {
        List<String> report = new ArrayList<>();
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage() + ", java " + System.getProperty("java.version"));
        Path dataDir = Files.createTempDirectory("mailsift-bench-dashboard-");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path appLog = Path.of(o.appLog).toAbsolutePath();
        Files.createDirectories(appLog.getParent());
        Files.deleteIfExists(appLog);

        try (TestDnsServer dns = PipelineBenchmark.listDns(4)) {
            Process service = startService(o, dataDir, port, dns.port(), appLog);
            String base = "http://127.0.0.1:" + port;
            Figures figures;
            try {
                long bootStart = System.nanoTime();
                awaitHealthy(base, service, o.timeoutSeconds);
                report.add(String.format(Locale.ROOT, "service: %s on the embedded default (data in %s), healthy "
                        + "%.1f s after start; log %s", o.jar, dataDir, (System.nanoTime() - bootStart) / 1e9, appLog));
                figures = measure(o, base, appLog, dataDir, service.pid(), report);
            } finally {
                stop(service);
            }
            List<Chunk> chunks = chunks(dataDir, figures.jobId);
            return summarise(o, figures, chunks, report);
        } finally {
            if (!o.keepData) {
                deleteTree(dataDir);
            }
        }
    }

    /** What the browser saw; the event store is read after the service has stopped. */
    record Figures(String jobId, long rowsToCheck, List<BarChange> bars, double pageShownAt, List<Load> homeLoads,
                   List<Load> jobLoads, double clockOffsetMs, List<String> pageErrors, Profile profile,
                   Map<Integer, Double> verdictFilesWritten) {
    }

    /** A change of the bar's value: when the page's DOM had it, and when the next frame after it began. */
    record BarChange(double at, double frame, double value) {
    }

    /** One page load: ms after navigation start. */
    record Load(double ready, double interactive, double fcp, int longTasks) {
    }

    /** A chunk's verdicts recorded: the ChunkValidated's stored timestamp and the job's rows done after it. */
    record Chunk(int index, long globalIndex, Instant recorded, long rowsDoneAfter) {

        double recordedMillis() {
            return recorded.toEpochMilli() + (recorded.getNano() % 1_000_000) / 1e6;
        }
    }

    static Figures measure(Options o, String base, Path appLog, Path dataDir, long servicePid, List<String> report)
            throws Exception {
        BenchApi api = new BenchApi(base, Duration.ofSeconds(60));
        // the person signs up and confirms the mailed code (written to the log on the embedded default)
        api.call("POST", "/api/v1/users", null, Map.of("email", PERSON_EMAIL, "password", PERSON_PASSWORD));
        api.call("POST", "/api/v1/auth/confirm-email", null,
                Map.of("email", PERSON_EMAIL, "code", mailedCode(appLog, PERSON_EMAIL, o.timeoutSeconds)));
        String person = api.signIn(PERSON_EMAIL, PERSON_PASSWORD);
        String personId = api.call("GET", "/api/v1/account", person, null).get("id").asText();
        String operator = api.signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        api.call("POST", "/api/v1/admin/users/" + personId + "/credits", operator,
                Map.of("amount", (long) o.rows + o.warmupRows + 1000L, "reason", "dashboard benchmark"));

        if (o.warmupRows > 0) {
            // other addresses (another seed), so that no domain's answer is cached for the measured job
            String warmup = upload(api, person, "warm-up.csv", PipelineBenchmark.generate(o.warmupRows, 43));
            awaitFinished(api, person, warmup, o.timeoutSeconds);
        }

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(o.chromium)).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update")));
            BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setBaseURL(base).setViewportSize(1200, 800));
            context.addInitScript(PAGE_PROBE);
            Page page = context.newPage();
            List<String> pageErrors = new ArrayList<>();
            page.onPageError(pageErrors::add);
            page.onConsoleMessage(message -> {
                // an answer the page expects (the 401 of the session check on the sign-in page) is a failed load
                if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
                    pageErrors.add(message.text());
                }
            });
            report.add("browser: " + o.chromium + " " + browser.version() + " (headless)");

            // signs in as a person does; the session (refresh cookie) serves every load after
            page.navigate("/sign-in");
            page.getByLabel("Email").fill(PERSON_EMAIL);
            page.getByLabel("Password").fill(PERSON_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            page.waitForURL(base + "/");
            page.locator("main h1").waitFor();

            // the list, and its page opened as soon as the upload is answered
            byte[] list = PipelineBenchmark.generate(o.rows, 42);
            String jobId = upload(api, person, "list-" + o.rows + ".csv", list);
            VerdictFiles verdictFiles = VerdictFiles.watch(dataDir, jobId);
            Profile profile = o.profile ? Profile.start(api, person, operator, jobId, servicePid) : null;
            page.navigate("/jobs/" + jobId);
            page.locator("main .job-summary progress").waitFor();
            double pageShownAt = number(page.evaluate("() => window.__dashboardBench.bars[0].at"));
            JsonNode job = awaitFinished(api, person, jobId, o.timeoutSeconds);
            if (!"completed".equals(job.path("status").asText())) {
                throw new IllegalStateException("the job did not complete: " + job);
            }
            // the last progress event is on its way; the bar then shows the job as it ended
            page.waitForFunction("() => document.querySelector('.job-summary progress')?.getAttribute('value') === '1'",
                    null, new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(200));
            List<BarChange> bars = bars(page);
            double clockOffset = clockOffset(page);
            verdictFiles.stop();
            if (profile != null) {
                profile.stop();
            }

            // time to interactive: full loads with the session open
            List<Load> homeLoads = new ArrayList<>();
            List<Load> jobLoads = new ArrayList<>();
            load(page, base + "/", "/", o.quietMs); // unmeasured: the browser's cache as a returning person has it
            for (int i = 0; i < o.loads; i++) {
                homeLoads.add(load(page, base + "/", "/", o.quietMs));
                jobLoads.add(load(page, base + "/jobs/" + jobId, "/jobs/" + jobId, o.quietMs));
            }
            browser.close();
            return new Figures(jobId, job.path("rows_to_check").asLong(), bars, pageShownAt, homeLoads, jobLoads,
                    clockOffset, pageErrors, profile, verdictFiles.written());
        }
    }

    @SuppressWarnings("unchecked")
    static List<BarChange> bars(Page page) {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.evaluate(
                "() => window.__dashboardBench.bars");
        return raw.stream().map(r -> new BarChange(number(r.get("at")), r.get("frame") == null ? Double.NaN
                : number(r.get("frame")), number(r.get("value")))).toList();
    }

    /**
     * How far the page's clock ({@code timeOrigin + now()}) is from this JVM's (the service's is the same system
     * clock): the middle of the round trip, so at most half of it either way.
     */
    static double clockOffset(Page page) {
        double best = Double.MAX_VALUE;
        double offset = 0;
        for (int i = 0; i < 5; i++) {
            long before = System.currentTimeMillis();
            double inPage = number(page.evaluate("() => performance.timeOrigin + performance.now()"));
            long after = System.currentTimeMillis();
            if (after - before < best) {
                best = after - before;
                offset = inPage - (before + after) / 2.0;
            }
        }
        return offset;
    }

    /** A full load of {@code url}, then waits for a quiet window after its content appeared; ms after navigation. */
    @SuppressWarnings("unchecked")
    static Load load(Page page, String url, String expectedPath, long quietMs) throws InterruptedException {
        page.navigate(url);
        page.waitForFunction("() => window.__dashboardBench && window.__dashboardBench.ready !== null", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(50));
        Map<String, Object> probe = (Map<String, Object>) page.evaluate("() => window.__dashboardBench");
        if (!expectedPath.equals(probe.get("readyPath"))) {
            throw new IllegalStateException("loading " + url + " ended on " + probe.get("readyPath")
                    + " (session lost?)");
        }
        double ready = number(probe.get("ready"));
        double interactive;
        List<double[]> tasks;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Map<String, Object> now = (Map<String, Object>) page.evaluate(
                    "() => ({ now: performance.now(), longTasks: window.__dashboardBench.longTasks, "
                            + "fcp: window.__dashboardBench.fcp })");
            tasks = ((List<List<Object>>) now.get("longTasks")).stream()
                    .map(t -> new double[]{number(t.get(0)), number(t.get(0)) + number(t.get(1))})
                    .sorted(Comparator.comparingDouble(t -> t[0])).toList();
            interactive = interactiveAt(ready, tasks, quietMs);
            double elapsed = number(now.get("now"));
            if (elapsed >= interactive + quietMs || System.nanoTime() > deadline) {
                probe.put("fcp", now.get("fcp"));
                break;
            }
            Thread.sleep((long) Math.max(50, interactive + quietMs - elapsed));
        }
        Object fcp = probe.get("fcp");
        return new Load(ready, interactive, fcp == null ? Double.NaN : number(fcp), tasks.size());
    }

    /**
     * The end of the last long task before the first {@code quietMs} without one that begins at or after
     * {@code ready}; {@code ready} itself when none runs into it.
     */
    static double interactiveAt(double ready, List<double[]> tasks, long quietMs) {
        double interactive = ready;
        for (double[] task : tasks) {
            if (task[1] <= interactive) {
                continue;
            }
            if (task[0] >= interactive + quietMs) {
                break;
            }
            interactive = task[1];
        }
        return interactive;
    }

    static int summarise(Options o, Figures f, List<Chunk> chunks, List<String> report) {
        // each bar value is rows done / rows to check: the rows it shows, matched with the chunk that first reached them
        long[] cumulative = chunks.stream().mapToLong(Chunk::rowsDoneAfter).toArray();
        List<Double> perUpdate = new ArrayList<>();
        List<Double> perUpdateFrame = new ArrayList<>();
        List<Double> perChunk = new ArrayList<>();
        List<Double> perUpdateFromFile = new ArrayList<>();
        int beforePage = 0;
        int unmatched = 0;
        int coalesced = 0;
        int nextChunk = 0;
        for (BarChange bar : f.bars) {
            long rows = Math.round(bar.value * f.rowsToCheck);
            int newest = -1;
            for (int i = nextChunk; i < chunks.size() && cumulative[i] <= rows; i++) {
                newest = i;
            }
            if (newest < 0) {
                if (rows > 0 && (nextChunk == 0 || cumulative[nextChunk - 1] != rows)) {
                    unmatched++;
                }
                continue;
            }
            if (cumulative[newest] != rows) {
                unmatched++;
            }
            boolean shownAtOpening = bar.at <= f.pageShownAt;
            for (int i = nextChunk; i <= newest; i++) {
                Chunk chunk = chunks.get(i);
                double recorded = chunk.recordedMillis();
                if (shownAtOpening || recorded < f.pageShownAt) {
                    beforePage++;
                    continue;
                }
                perChunk.add(bar.at - recorded);
                if (i == newest) {
                    perUpdate.add(bar.at - recorded);
                    Double file = f.verdictFilesWritten.get(chunk.index);
                    if (file != null) {
                        perUpdateFromFile.add(bar.at - file);
                    }
                    if (!Double.isNaN(bar.frame)) {
                        perUpdateFrame.add(bar.frame - recorded);
                    }
                } else {
                    coalesced++;
                }
            }
            nextChunk = newest + 1;
        }
        int missing = chunks.size() - nextChunk;
        writeChunks(o, f, chunks);

        double[] updates = perUpdate.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] frames = perUpdateFrame.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] byChunk = perChunk.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double homeTti = median(f.homeLoads.stream().mapToDouble(Load::interactive).toArray());
        double jobTti = median(f.jobLoads.stream().mapToDouble(Load::interactive).toArray());

        report.add(String.format(Locale.ROOT, "job %s: %,d rows, %,d to check, %d chunks recorded; the bar changed %d "
                        + "times; page clock - JVM clock: %+.1f ms", f.jobId, o.rows, f.rowsToCheck, chunks.size(),
                f.bars.size(), f.clockOffsetMs));
        report.add("");
        report.add("| figure | n | p50 | p95 | max |");
        report.add("| --- | --- | --- | --- | --- |");
        report.add(row("chunk recorded -> bar value in the DOM, per update (newest chunk it shows)", updates));
        report.add(row("same, to the start of the next frame (paint)", frames));
        report.add(row("chunk's verdict file written (after its commit) -> bar value in the DOM, per update",
                perUpdateFromFile.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
        report.add(row("chunk recorded -> bar value in the DOM, per chunk (a chunk shown with a later one counts "
                + "from its own record)", byChunk));
        report.add(String.format(Locale.ROOT, "| chunks left out: recorded before the page showed the job %d; "
                        + "shown together with a later chunk %d; never shown alone or with others %d; bar values "
                        + "matching no chunk boundary %d | | | | |", beforePage, coalesced, missing, unmatched));
        if (f.profile != null) {
            f.profile.report(chunks, f.pageShownAt, f.bars, f.rowsToCheck, report);
        }
        report.add("");
        report.add("| page | loads | content rendered (median) | first contentful paint (median) | time to interactive "
                + "(median, min-max) | long tasks |");
        report.add("| --- | --- | --- | --- | --- | --- |");
        report.add(loadRow("home (/)", f.homeLoads));
        report.add(loadRow("job (/jobs/{id}, completed)", f.jobLoads));
        report.add("page errors: " + (f.pageErrors.isEmpty() ? "none" : f.pageErrors));
        report.add("load average at end: " + loadAverage());
        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "dashboard: progress latency p50 %.0f ms, p95 %.0f ms, max %.0f ms over %d updates "
                        + "(%d rows); time to interactive home %.0f ms, job %.0f ms (median of %d)%n",
                percentile(updates, 50), percentile(updates, 95), max(updates), updates.length, o.rows, homeTti,
                jobTti, o.loads);
        System.out.flush();
        return updates.length > 0 && missing == 0 && unmatched == 0 ? 0 : 1;
    }

    /**
     * Every chunk of the measured job, one line each, to bench/target/dashboard-chunks.csv: when it was recorded (ms
     * after the first), and how long after that the bar first showed it (and, profiled, the read model and a second
     * stream client).
     */
    static void writeChunks(Options o, Figures f, List<Chunk> chunks) {
        StringBuilder csv = new StringBuilder("chunk,global_index,recorded_ms,rows_done_after,bar_ms,read_model_ms,"
                + "message_ms,verdict_file_ms\n");
        double first = chunks.isEmpty() ? 0 : chunks.getFirst().recordedMillis();
        for (Chunk chunk : chunks) {
            double recorded = chunk.recordedMillis();
            String bar = f.bars.stream().filter(b -> Math.round(b.value * f.rowsToCheck) >= chunk.rowsDoneAfter)
                    .findFirst().map(b -> String.format(Locale.ROOT, "%.1f", b.at - recorded)).orElse("");
            String[] profiled = f.profile == null ? new String[]{"", ""} : f.profile.firstSeen(chunk);
            Double file = f.verdictFilesWritten.get(chunk.index);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.1f,%d,%s,%s,%s,%s%n", chunk.index, chunk.globalIndex,
                    recorded - first, chunk.rowsDoneAfter, bar, profiled[0], profiled[1],
                    file == null ? "" : String.format(Locale.ROOT, "%.1f", file - recorded)));
        }
        try {
            Files.writeString(Path.of(o.chunksCsv), csv);
        } catch (IOException e) {
            System.err.println("could not write " + o.chunksCsv + ": " + e);
        }
    }

    static String row(String name, double[] sorted) {
        if (sorted.length == 0) {
            return "| " + name + " | 0 | - | - | - |";
        }
        return String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms |", name, sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), max(sorted));
    }

    static String loadRow(String name, List<Load> loads) {
        double[] tti = loads.stream().mapToDouble(Load::interactive).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %.0f ms (%.0f-%.0f) | %d |", name,
                loads.size(), median(loads.stream().mapToDouble(Load::ready).toArray()),
                median(loads.stream().mapToDouble(Load::fcp).toArray()), median(tti), tti[0], tti[tti.length - 1],
                loads.stream().mapToInt(Load::longTasks).sum());
    }

    /** Nearest rank. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The job's ChunkValidated events in the order of the event store, as the jobs read model adds them up. */
    static List<Chunk> chunks(Path dataDir, String jobId) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        List<Chunk> chunks = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement ps = c.prepareStatement("SELECT timestamp, payload, globalindex FROM domainevententry "
                     + "WHERE payloadtype = ? ORDER BY globalindex")) {
            ps.setString(1, CHUNK_VALIDATED);
            try (ResultSet rs = ps.executeQuery()) {
                long done = 0;
                while (rs.next()) {
                    JsonNode payload = JSON.readTree(rs.getBytes(2));
                    if (!jobId.equals(payload.path("jobId").asText())) {
                        continue;
                    }
                    done += payload.path("rows").asLong();
                    chunks.add(new Chunk(payload.path("chunkIndex").asInt(), rs.getLong(3), Instant.parse(rs.getString(1)),
                            done));
                }
            }
        }
        return chunks;
    }

    // ---- the service --------------------------------------------------------------------------------------------

    /** {@code java -jar web/target/mailsift.jar} as {@code ./mailsift run} starts it, on a free port. */
    static Process startService(Options o, Path dataDir, int port, int dnsPort, Path appLog) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        String opts = System.getenv("MAILSIFT_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", o.jar));
        command.addAll(o.passThrough);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appLog.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MAILSIFT_") || name.startsWith("SPRING_"));
        env.put("PORT", Integer.toString(port));
        env.put("MAILSIFT_DATA_DIR", dataDir.toString());
        env.put("MAILSIFT_ADMIN_EMAIL", OPERATOR_EMAIL);
        env.put("MAILSIFT_ADMIN_PASSWORD", OPERATOR_PASSWORD);
        env.put("MAILSIFT_SMTP_PROBE", "off");
        env.put("MAILSIFT_DNS_SERVER", "127.0.0.1:" + dnsPort);
        return builder.start();
    }

    static void awaitHealthy(String base, Process service, long timeoutSeconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + " (see its log)");
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not healthy within " + timeoutSeconds + " s");
    }

    static void stop(Process service) throws InterruptedException {
        service.destroy(); // SIGTERM: Spring closes the database cleanly
        if (!service.waitFor(90, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

    /** The code of the latest confirmation mail to {@code address}, as the embedded default logs it. */
    static String mailedCode(Path appLog, String address, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(appLog, StandardCharsets.UTF_8);
            int to = log.lastIndexOf("To: " + address);
            if (to >= 0) {
                Matcher code = CODE.matcher(log);
                if (code.find(to)) {
                    return code.group(1);
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no confirmation mail to " + address + " in " + appLog);
    }

    /** POST /api/v1/jobs; answers the job's id. */
    static String upload(BenchApi api, String token, String fileName, byte[] content) throws Exception {
        HttpResponse<String> r = api.upload("/api/v1/jobs", token, fileName, content);
        if (r.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    static JsonNode awaitFinished(BenchApi api, String token, String jobId, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            HttpResponse<String> poll = api.get("/api/v1/jobs/" + jobId, token);
            if (poll.statusCode() == 200) {
                JsonNode job = JSON.readTree(poll.body());
                if (List.of("completed", "rejected", "failed", "cancelled").contains(job.path("status").asText())) {
                    return job;
                }
            } else if (poll.statusCode() != 404) { // 404: the read model has not caught up with the upload
                throw new IllegalStateException("GET job answered " + poll.statusCode() + ": " + poll.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " not finished within " + timeoutSeconds + " s");
            }
            Thread.sleep(2_000); // seldom: each poll is work for the service being measured
        }
    }

    static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static final class Options {
        int rows = 100_000;
        int warmupRows = 20_000;
        int loads = 7;
        long quietMs = 5_000;
        String jar = "web/target/mailsift.jar";
        String chromium = "/usr/bin/chromium";
        long timeoutSeconds = 600;
        boolean keepData;
        boolean profile;
        String appLog = "bench/target/dashboard-app.log";
        String chunksCsv = "bench/target/dashboard-chunks.csv";
        final List<String> passThrough = new ArrayList<>();

        static Options parse(String[] argv) {
            Options o = new Options();
            BenchArguments args = new BenchArguments(argv);
            while (args.hasNext()) {
                String a = args.next();
                switch (a) {
                    case "--rows" -> o.rows = args.rows();
                    case "--warmup-rows" -> o.warmupRows = args.rows();
                    case "--loads" -> o.loads = Integer.parseInt(args.value());
                    case "--quiet-ms" -> o.quietMs = Long.parseLong(args.value());
                    case "--jar" -> o.jar = args.value();
                    case "--chromium" -> o.chromium = args.value();
                    case "--timeout" -> o.timeoutSeconds = Long.parseLong(args.value());
                    case "--keep-data" -> o.keepData = true;
                    case "--profile" -> o.profile = true;
                    case "--app-log" -> o.appLog = args.value();
                    default -> BenchArguments.passThrough(a, o.passThrough);
                }
            }
            if (o.loads < 1) {
                throw new IllegalArgumentException("--loads must be at least 1");
            }
            return o;
        }
    }
}
