package dev.mailsift.bench.dashboard;

import dev.mailsift.bench.BenchApi;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Where a progress update's time goes ({@code --profile}; it adds a second progress stream and a status request
 * every 100 ms to the service's work, so the figures of a profiled run are not the benchmark's): when the
 * {@code jobs} processor's tokens (both segments) had passed each chunk's {@code ChunkValidated}, read from
 * {@code GET /api/v1/audit/processors} as the operator, and when each progress event reached a second client of the
 * job's stream in this JVM. With the bar's change in the page, each chunk's latency splits into event store ->
 * read model, read model -> stream message, and stream message -> page.
 */
final class Profile {

    /** A reading: when (epoch ms) and what it said (a token position, or the rows done of a progress event). */
    record Reading(double at, long value) {
    }

    private final List<Reading> positions = new CopyOnWriteArrayList<>();
    private final List<Reading> messages = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private final List<Thread> threads = new ArrayList<>();

    static Profile start(BenchApi api, String person, String operator, String jobId, long servicePid) {
        Profile profile = new Profile();
        // a few thread dumps of the service while the job runs, to bench/target/dashboard-threads-N.txt
        profile.threads.add(Thread.ofPlatform().daemon().name("profile-dumps").start(() -> {
            String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            for (int i = 1; i <= 4 && !profile.stopped; i++) {
                try {
                    Thread.sleep(4_000);
                    new ProcessBuilder(jcmd, Long.toString(servicePid), "Thread.print", "-l")
                            .redirectErrorStream(true)
                            .redirectOutput(java.nio.file.Path.of("bench/target/dashboard-threads-" + i + ".txt").toFile())
                            .start().waitFor();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // no dump, no harm
                }
            }
        }));
        profile.threads.add(Thread.ofPlatform().daemon().name("profile-processors").start(() -> {
            while (!profile.stopped) {
                try {
                    HttpResponse<String> r = api.get("/api/v1/audit/processors", operator);
                    double at = now();
                    for (JsonNode processor : DashboardBenchmark.JSON.readTree(r.body()).path("processors")) {
                        if ("jobs".equals(processor.path("name").asText()) && processor.hasNonNull("position")) {
                            profile.positions.add(new Reading(at, processor.path("position").asLong()));
                        }
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a failed reading is a gap in the profile, nothing more
                }
            }
        }));
        profile.threads.add(Thread.ofPlatform().daemon().name("profile-stream").start(() -> {
            try {
                HttpResponse<Stream<String>> stream = api.lines("/api/v1/jobs/" + jobId + "/progress", person,
                        "text/event-stream", Duration.ofMinutes(30));
                stream.body().takeWhile(line -> !profile.stopped).filter(line -> line.startsWith("data:"))
                      .forEach(line -> {
                          double at = now();
                          try {
                              profile.messages.add(new Reading(at, DashboardBenchmark.JSON.readTree(line.substring(5))
                                      .path("rows_done").asLong()));
                          } catch (Exception e) {
                              throw new IllegalStateException(e);
                          }
                      });
            } catch (Exception e) {
                // the stream ends with the job
            }
        }));
        return profile;
    }

    void stop() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }

    static double now() {
        Instant now = Instant.now();
        return now.toEpochMilli() + (now.getNano() % 1_000_000) / 1e6;
    }

    /** Per chunk recorded after the page showed the job: the first reading that had passed it. */
    void report(List<DashboardBenchmark.Chunk> chunks, double pageShownAt,
                List<DashboardBenchmark.BarChange> bars, long rowsToCheck, List<String> report) {
        List<Double> toReadModel = new ArrayList<>();
        List<Double> toMessage = new ArrayList<>();
        List<Double> messageToPage = new ArrayList<>();
        for (DashboardBenchmark.Chunk chunk : chunks) {
            double recorded = chunk.recordedMillis();
            if (recorded < pageShownAt) {
                continue;
            }
            positions.stream().filter(p -> p.value >= chunk.globalIndex()).findFirst()
                     .ifPresent(p -> toReadModel.add(p.at - recorded));
            messages.stream().filter(m -> m.value >= chunk.rowsDoneAfter()).findFirst().ifPresent(m -> {
                toMessage.add(m.at - recorded);
                bars.stream().filter(b -> Math.round(b.value() * rowsToCheck) >= chunk.rowsDoneAfter()).findFirst()
                    .ifPresent(b -> messageToPage.add(b.at() - m.at));
            });
        }
        report.add(DashboardBenchmark.row("profile: chunk recorded -> jobs processor's tokens past it (read every "
                + "100 ms: up to 100 ms late)", sorted(toReadModel)));
        report.add(DashboardBenchmark.row("profile: chunk recorded -> progress message at a second client of the "
                + "stream", sorted(toMessage)));
        report.add(DashboardBenchmark.row("profile: that message -> bar value in the page's DOM (two clients of "
                + "the same stream: negative when the page's came first)", sorted(messageToPage)));
        report.add(String.format(Locale.ROOT, "| profile: %d token readings, %d progress messages | | | | |",
                positions.size(), messages.size()));
    }

    /** Ms after the chunk was recorded: the first token reading past it, the first stream message showing it. */
    String[] firstSeen(DashboardBenchmark.Chunk chunk) {
        double recorded = chunk.recordedMillis();
        return new String[]{
                positions.stream().filter(p -> p.value >= chunk.globalIndex()).findFirst()
                         .map(p -> String.format(Locale.ROOT, "%.1f", p.at - recorded)).orElse(""),
                messages.stream().filter(m -> m.value >= chunk.rowsDoneAfter()).findFirst()
                        .map(m -> String.format(Locale.ROOT, "%.1f", m.at - recorded)).orElse("")};
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
