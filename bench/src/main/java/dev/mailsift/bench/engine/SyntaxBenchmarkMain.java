package dev.mailsift.bench.engine;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SyntaxBenchmark} for every validator in one JMH run and prints addresses/s per validator on the
 * last line. Args: [forks] [warmup iterations] [measurement iterations] [seconds per iteration].
 */
public final class SyntaxBenchmarkMain {

    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Options opt = new OptionsBuilder()
                .include(SyntaxBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        int corpus = Corpus.VALID.size() + Corpus.INVALID.size();
        StringBuilder line = new StringBuilder("syntax throughput (addresses/s, corpus of " + corpus + "):");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double opsPerSecond = r.getPrimaryResult().getScore();
            line.append(String.format(Locale.ROOT, " %s=%,.0f", name, opsPerSecond * corpus));
        }
        System.out.println(line);
    }
}
