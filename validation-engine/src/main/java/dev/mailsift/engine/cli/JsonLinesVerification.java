package dev.mailsift.engine.cli;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code verify --stdin}: addresses one a line in, one JSON line each out, in input order. Batches of
 * {@link #BATCH} lines are verified and written as JSON by {@code workers} threads at once while this thread reads
 * the next lines and writes finished batches in order, so the output is the same whatever the number of workers.
 * Online checks keep one worker: {@link EmailVerifier#verifyAll} already runs a batch's domains concurrently, and
 * two batches at once would probe the same domain twice.
 */
final class JsonLinesVerification {

    static final int BATCH = 5_000;

    private JsonLinesVerification() {
    }

    static void run(EmailVerifier verifier, InputStream in, OutputStream out, int workers) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        if (workers <= 1) {
            for (List<String> batch = next(lines); !batch.isEmpty(); batch = next(lines)) {
                write(json(verifier, batch), out);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().factory());
        try {
            ArrayDeque<Future<VerdictJson>> inOrder = new ArrayDeque<>();
            for (List<String> batch = next(lines); !batch.isEmpty(); batch = next(lines)) {
                List<String> addresses = batch;
                inOrder.add(pool.submit(() -> json(verifier, addresses)));
                // Bounded: a few batches ahead keep every worker busy without holding the whole input.
                if (inOrder.size() >= 2 * workers) {
                    write(await(inOrder.poll()), out);
                }
            }
            while (!inOrder.isEmpty()) {
                write(await(inOrder.poll()), out);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Verdicts for addresses given on the command line, in their order. */
    static void write(EmailVerifier verifier, List<String> addresses, OutputStream out) throws IOException {
        write(json(verifier, addresses), out);
    }

    /** The next non-blank lines, stripped; empty at the end of the input. */
    private static List<String> next(BufferedReader lines) throws IOException {
        List<String> batch = new ArrayList<>(BATCH);
        String line;
        while (batch.size() < BATCH && (line = lines.readLine()) != null) {
            String address = line.strip();
            if (!address.isEmpty()) {
                batch.add(address);
            }
        }
        return batch;
    }

    private static VerdictJson json(EmailVerifier verifier, List<String> addresses) {
        VerdictJson json = new VerdictJson(addresses.size() * 384);
        for (Verdict verdict : verifier.verifyAll(addresses)) {
            json.add(verdict);
        }
        return json;
    }

    private static void write(VerdictJson json, OutputStream out) throws IOException {
        json.writeTo(out);
        out.flush();
    }

    private static VerdictJson await(Future<VerdictJson> batch) throws IOException {
        try {
            return batch.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while verifying", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }
}
