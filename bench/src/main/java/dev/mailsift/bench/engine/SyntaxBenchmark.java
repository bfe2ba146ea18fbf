package dev.mailsift.bench.engine;

import dev.mailsift.engine.EmailVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of syntax validation (and, for MailSift, syntax + normalisation + lists + suggestion, i.e. an
 * offline verdict) over the same mixed corpus. One operation = one pass over the whole corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SyntaxBenchmark {

    String[] addresses;
    EmailVerifier offline;

    @Setup
    public void setup() {
        List<String> all = new ArrayList<>(Corpus.VALID);
        all.addAll(Corpus.INVALID);
        addresses = all.toArray(String[]::new);
        offline = EmailVerifier.builder().offline(true).build();
        offline.verify("warm@example.com");
    }

    @TearDown
    public void tearDown() {
        offline.close();
    }

    @Benchmark
    public void mailsiftSyntax(Blackhole bh) {
        for (String a : addresses) {
            bh.consume(Validators.mailsift(a));
        }
    }

    @Benchmark
    public void mailsiftSyntaxAndLists(Blackhole bh) {
        for (String a : addresses) {
            bh.consume(offline.verify(a));
        }
    }

    @Benchmark
    public void jmail(Blackhole bh) {
        for (String a : addresses) {
            bh.consume(Validators.jmail(a));
        }
    }

    @Benchmark
    public void commonsValidator(Blackhole bh) {
        for (String a : addresses) {
            bh.consume(Validators.commons(a));
        }
    }

    @Benchmark
    public void jakartaMail(Blackhole bh) {
        for (String a : addresses) {
            bh.consume(Validators.jakarta(a));
        }
    }
}
