package dev.mailsift.bench.eventstore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Event-append throughput of Axon 4's two relational event storage engines on the machine's real
 * PostgreSQL: {@code JdbcEventStorageEngine} + {@code PostgresEventTableFactory} (with and without
 * PgJDBC {@code reWriteBatchedInserts}) versus {@code JpaEventStorageEngine} on Hibernate 6 (bytea,
 * allocation size 1; with and without Hibernate JDBC batching).
 *
 * <p>Workload: units of work of 1, 100 and 1000 {@link DomainEventMessage}s for one aggregate
 * (consecutive sequence numbers), ~300-byte JSON payloads via {@link JacksonSerializer}; each unit
 * of work is one transaction and one {@code appendEvents} call, which is what Axon does when a
 * unit of work that applied N events commits. Once with 1 thread, once with 4 threads each on its
 * own aggregate. Every cell: warm-up, then {@code rounds} measured rounds, variants interleaved,
 * median reported.
 *
 * <pre>java -cp bench/target/mailsift-bench.jar dev.mailsift.bench.eventstore.EventStoreAppendBenchmark
 *      [--scale=1.0] [--rounds=3] [--host=127.0.0.1:5432] [--user=postgres]</pre>
 *
 * <p>The last line of stdout is a one-line {@code RESULT ...} summary (batch 1000, 1 thread).
 */
public final class EventStoreAppendBenchmark {

    private static final int[] BATCH_SIZES = {1, 100, 1000};
    private static final int[] THREAD_COUNTS = {1, 4};
    private static final String AGGREGATE_TYPE = "BatchJob";

    /** Keeps the JUL loggers (and so their levels) alive. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private EventStoreAppendBenchmark() {
    }

    record Cell(int threads, int batch) {
        String label() {
            return threads + "x" + batch;
        }
    }

    record Result(double medianEvPerSec, double minEvPerSec, double maxEvPerSec,
                  double p50Millis, double p99Millis, int eventsPerRound) {
    }

    /** One writer's aggregate: consecutive sequence numbers across warm-up and rounds. */
    static final class Stream {
        final String aggregateId = UUID.randomUUID().toString();
        long nextSequence;
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        int rounds = 3;
        String host = "127.0.0.1:5432";
        String user = "postgres";
        for (String arg : args) {
            if (arg.startsWith("--scale=")) {
                scale = Double.parseDouble(arg.substring(8));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--host=")) {
                host = arg.substring(7);
            } else if (arg.startsWith("--user=")) {
                user = arg.substring(7);
            } else {
                System.err.println("usage: EventStoreAppendBenchmark [--scale=1.0] [--rounds=3] "
                        + "[--host=127.0.0.1:5432] [--user=postgres]");
                System.exit(2);
            }
        }
        for (String name : new String[]{"org.hibernate", "com.zaxxer", "org.axonframework", "org.springframework"}) {
            Logger l = Logger.getLogger(name);
            l.setLevel(Level.WARNING);
            QUIET.add(l);
        }

        Serializer serializer = JacksonSerializer.defaultSerializer();
        BenchDatabase db = new BenchDatabase(host, user);
        db.ensureDatabase();

        List<EngineVariant> variants = List.of(
                new JdbcEngineVariant("jdbc(rewrite)", "bench_jdbc_rewrite", true, serializer),
                new JdbcEngineVariant("jdbc", "bench_jdbc_plain", false, serializer),
                new JpaEngineVariant("jpa", "bench_jpa_plain", null, false, serializer),
                new JpaEngineVariant("jpa(batch)", "bench_jpa_batch", 100, true, serializer),
                // Reference only, not a candidate: what the allocation-size-1 fix costs.
                new JpaEngineVariant("jpa(batch,a50)", "bench_jpa_alloc50", 100, true, true, false, serializer));

        int maxThreads = Arrays.stream(THREAD_COUNTS).max().orElse(1);
        printEnvironment(db, serializer, scale, rounds);
        // The two traps, shown rather than asserted: stock Hibernate 6 dialect and no orm.xml.
        try (JpaEngineVariant stock = new JpaEngineVariant("jpa(stock)", "bench_jpa_stock", null, false,
                false, false, serializer)) {
            db.recreateSchema(stock.schema);
            stock.start(db, 1);
            System.out.printf("# trap check, stock Hibernate 6 mapping of Axon's entities (not benchmarked):%n#               %s%n",
                    stock.schemaCheck());
        }
        for (EngineVariant v : variants) {
            db.recreateSchema(v.schema);
            v.start(db, maxThreads + 2);
            String check = v instanceof JpaEngineVariant jpa ? jpa.schemaCheck() : ((JdbcEngineVariant) v).schemaCheck();
            System.out.printf("# %-15s schema %-20s %s%n#               %s%n", v.name, v.schema, v.description, check);
        }

        ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
        Map<String, Map<Cell, Result>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name, new LinkedHashMap<>()));
        Map<String, Stream> lastStream = new LinkedHashMap<>();
        long started = System.nanoTime();
        String loadAtStart = loadAverage();
        try {
            // JIT/connection warm-up of every engine, then the tables are emptied again.
            for (EngineVariant v : variants) {
                Stream s = new Stream();
                for (int i = 0; i < 30; i++) {
                    v.appendInUnitOfWork(unitOfWork(s, 100));
                }
                for (int i = 0; i < 200; i++) {
                    v.appendInUnitOfWork(unitOfWork(s, 1));
                }
                v.truncate();
            }

            int cellIndex = 0;
            for (int threads : THREAD_COUNTS) {
                for (int batch : BATCH_SIZES) {
                    Cell cell = new Cell(threads, batch);
                    int perThread = roundToBatch((int) (baseEventsPerThread(batch) * scale), batch);
                    int warmPerThread = roundToBatch(perThread / 2, batch);
                    Map<EngineVariant, List<Stream>> streams = new LinkedHashMap<>();
                    Map<EngineVariant, double[]> rates = new LinkedHashMap<>();
                    Map<EngineVariant, List<Long>> latencies = new LinkedHashMap<>();
                    for (EngineVariant v : variants) {
                        v.truncate();
                        List<Stream> ss = new ArrayList<>();
                        for (int t = 0; t < threads; t++) {
                            ss.add(new Stream());
                        }
                        streams.put(v, ss);
                        rates.put(v, new double[rounds]);
                        latencies.put(v, new ArrayList<>());
                        run(v, ss, warmPerThread, batch, pool, null);
                    }
                    for (int r = 0; r < rounds; r++) {
                        // Rotate the order so no variant always runs first (or last) in a round.
                        for (int k = 0; k < variants.size(); k++) {
                            EngineVariant v = variants.get((k + r + cellIndex) % variants.size());
                            checkpoint(db);
                            rates.get(v)[r] = run(v, streams.get(v), perThread, batch, pool, latencies.get(v));
                        }
                    }
                    for (EngineVariant v : variants) {
                        long expected = (long) threads * (warmPerThread + (long) rounds * perThread);
                        long actual = v.rowCount();
                        if (actual != expected) {
                            throw new IllegalStateException(v.name + " " + cell.label() + ": " + actual
                                    + " rows, expected " + expected);
                        }
                        double[] r = rates.get(v).clone();
                        Arrays.sort(r);
                        long[] lat = latencies.get(v).stream().mapToLong(Long::longValue).sorted().toArray();
                        Result res = new Result(r[r.length / 2], r[0], r[r.length - 1],
                                percentile(lat, 0.50) / 1e6, percentile(lat, 0.99) / 1e6, perThread * threads);
                        results.get(v.name).put(cell, res);
                        lastStream.put(v.name, streams.get(v).get(0));
                        System.out.printf(Locale.ROOT, "# %-6s %-15s %10.0f ev/s (min %.0f, max %.0f) load %s%n",
                                cell.label(), v.name, res.medianEvPerSec, res.minEvPerSec, res.maxEvPerSec,
                                loadAverage());
                    }
                    cellIndex++;
                }
            }

            // Sanity: the last aggregate of each engine reads back complete and deserializes.
            for (EngineVariant v : variants) {
                Stream s = lastStream.get(v.name);
                List<DomainEventMessage<?>> back = v.readAggregate(s.aggregateId);
                if (back.size() != s.nextSequence
                        || back.get(back.size() - 1).getSequenceNumber() != s.nextSequence - 1
                        || !(back.get(0).getPayload() instanceof RowVerdictPayload)) {
                    throw new IllegalStateException(v.name + ": read back " + back.size() + " events of "
                            + s.nextSequence + " for " + s.aggregateId);
                }
                String extra = v instanceof JpaEngineVariant jpa ? ", large objects in db: " + jpa.largeObjects() : "";
                System.out.printf("# read-back %-15s %d events of aggregate %s OK%s%n",
                        v.name, back.size(), s.aggregateId, extra);
            }
        } finally {
            pool.shutdownNow();
            variants.forEach(EngineVariant::close);
        }

        printTable(variants, results, rounds);
        System.out.printf(Locale.ROOT, "# total run time %.0f s; load average at start %s, at end %s%n",
                (System.nanoTime() - started) / 1e9, loadAtStart, loadAverage());
        Cell headline = new Cell(1, 1000);
        StringBuilder sb = new StringBuilder("RESULT");
        for (EngineVariant v : variants) {
            if (!v.name.contains("a50")) {
                sb.append(String.format(Locale.ROOT, " %s=%.0f ev/s", v.name, results.get(v.name).get(headline).medianEvPerSec));
            }
        }
        sb.append(" (batch 1000, 1 thread, median of ").append(rounds).append(")");
        System.out.println(sb);
    }

    /** 1/5/15-minute load average (Linux): other work on the machine skews every figure. */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static int baseEventsPerThread(int batch) {
        return switch (batch) {
            case 1 -> 1000;
            case 100 -> 5000;
            default -> 10000;
        };
    }

    private static int roundToBatch(int events, int batch) {
        return Math.max(batch, (events / batch) * batch);
    }

    /** Appends {@code perThread} events per writer in units of work of {@code batch}; returns events/s. */
    private static double run(EngineVariant v, List<Stream> streams, int perThread, int batch,
                              ExecutorService pool, List<Long> latencies) throws Exception {
        int uows = perThread / batch;
        // Messages are built outside the timed region; serialization happens inside the engine (timed).
        List<List<List<DomainEventMessage<?>>>> work = new ArrayList<>();
        for (Stream s : streams) {
            List<List<DomainEventMessage<?>>> perWriter = new ArrayList<>(uows);
            for (int i = 0; i < uows; i++) {
                perWriter.add(unitOfWork(s, batch));
            }
            work.add(perWriter);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        for (List<List<DomainEventMessage<?>>> perWriter : work) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[perWriter.size()];
                go.await();
                for (int i = 0; i < perWriter.size(); i++) {
                    long t0 = System.nanoTime();
                    v.appendInUnitOfWork(perWriter.get(i));
                    lat[i] = System.nanoTime() - t0;
                }
                return lat;
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<long[]> f : futures) {
            long[] lat = f.get();
            if (latencies != null) {
                for (long l : lat) {
                    latencies.add(l);
                }
            }
        }
        long elapsed = System.nanoTime() - t0;
        return (double) perThread * streams.size() / (elapsed / 1e9);
    }

    private static List<DomainEventMessage<?>> unitOfWork(Stream s, int batch) {
        String jobId = s.aggregateId;
        // One correlation per unit of work, as Axon's correlation data providers would stamp it.
        MetaData metaData = MetaData.with("correlationId", UUID.randomUUID().toString())
                .and("causationId", UUID.randomUUID().toString())
                .and("actor", "system:validation-worker-1")
                .and("clientAddress", "203.0.113.17");
        List<DomainEventMessage<?>> events = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            long seq = s.nextSequence++;
            events.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, s.aggregateId, seq,
                    RowVerdictPayload.sample(jobId, seq + 1), metaData));
        }
        return events;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static void checkpoint(BenchDatabase db) throws Exception {
        try (Connection c = db.adminConnection(); Statement st = c.createStatement()) {
            st.execute("checkpoint");
        }
    }

    private static void printEnvironment(BenchDatabase db, Serializer serializer, double scale, int rounds)
            throws Exception {
        String pg;
        String settings;
        try (Connection c = db.adminConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select version()")) {
                rs.next();
                pg = rs.getString(1);
            }
            StringBuilder sb = new StringBuilder();
            for (String s : new String[]{"fsync", "synchronous_commit", "shared_buffers", "wal_level"}) {
                try (ResultSet rs = st.executeQuery("show " + s)) {
                    rs.next();
                    sb.append(s).append('=').append(rs.getString(1)).append(' ');
                }
            }
            settings = sb.toString().trim();
        }
        DomainEventMessage<?> sample = unitOfWork(new Stream(), 1).get(0);
        int payloadBytes = serializer.serialize(sample.getPayload(), byte[].class).getData().length;
        int metaBytes = serializer.serialize(sample.getMetaData(), byte[].class).getData().length;
        System.out.printf("# EventStoreAppendBenchmark: Axon %s, Hibernate %s, PgJDBC %s, HikariCP %s, Spring %s%n",
                mavenVersion("org.axonframework", "axon-eventsourcing"),
                mavenVersion("org.hibernate.orm", "hibernate-core"),
                mavenVersion("org.postgresql", "postgresql"),
                mavenVersion("com.zaxxer", "HikariCP"),
                mavenVersion("org.springframework", "spring-orm"));
        System.out.printf("# JVM %s (%s), %d CPUs, %s %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.printf("# %s%n# %s%n", pg, settings);
        System.out.printf("# payload %d bytes JSON, metadata %d bytes JSON; scale %s, %d measured rounds per cell%n",
                payloadBytes, metaBytes, scale, rounds);
    }

    /** Versions from the dependencies' pom.properties (the shaded jar's manifest is the bench's own). */
    private static String mavenVersion(String groupId, String artifactId) {
        String path = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (var in = EventStoreAppendBenchmark.class.getClassLoader().getResourceAsStream(path)) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "?");
            }
        } catch (java.io.IOException ignored) {
            // fall through
        }
        if ("postgresql".equals(artifactId)) {
            return org.postgresql.util.DriverInfo.DRIVER_VERSION;
        }
        // Hibernate and Spring are Gradle-built (no pom.properties) and read their version from the
        // jar manifest, which shading replaces; their versions come from the Spring Boot parent.
        return "(Spring Boot managed)";
    }

    private static void printTable(List<EngineVariant> variants, Map<String, Map<Cell, Result>> results, int rounds) {
        System.out.println();
        System.out.printf("%-15s %7s %6s %10s %12s %21s %10s %10s%n",
                "engine", "threads", "batch", "ev/round", "ev/s (med)", "min..max ev/s", "UoW p50ms", "UoW p99ms");
        System.out.println("-".repeat(98));
        for (int threads : THREAD_COUNTS) {
            for (int batch : BATCH_SIZES) {
                Cell cell = new Cell(threads, batch);
                for (EngineVariant v : variants) {
                    Result r = results.get(v.name).get(cell);
                    System.out.printf(Locale.ROOT, "%-15s %7d %6d %10d %12.0f %21s %10.2f %10.2f%n",
                            v.name, threads, batch, r.eventsPerRound, r.medianEvPerSec,
                            String.format(Locale.ROOT, "%.0f..%.0f", r.minEvPerSec, r.maxEvPerSec),
                            r.p50Millis, r.p99Millis);
                }
            }
            System.out.println("-".repeat(98));
        }
        System.out.printf("(median of %d rounds; UoW = one transaction with one appendEvents call; "
                + "jpa(batch,a50) = reference only, allocation size 50)%n", rounds);
    }
}
