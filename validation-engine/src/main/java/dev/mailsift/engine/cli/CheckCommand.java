package dev.mailsift.engine.cli;

import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Status;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.intake.InputRow;
import dev.mailsift.engine.intake.IntakeException;
import dev.mailsift.engine.intake.IntakeOptions;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.results.ResultsWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code check INPUT [-o OUTPUT]}: reads a list, verifies its addresses in chunks (bounded memory), writes a
 * results file in the input's row order and prints a summary.
 */
final class CheckCommand {

    static final int CHUNK = 10_000;

    private CheckCommand() {
    }

    static int run(MailSiftCli.Options o, EmailVerifier verifier, PrintStream out, PrintStream err) {
        if (o.positional.size() != 1) {
            err.println("error: check needs exactly one INPUT file");
            return 2;
        }
        Path input = Path.of(o.positional.get(0));
        if (!Files.isRegularFile(input)) {
            err.println("error: no such file: " + input);
            return 2;
        }
        IntakeOptions opts = IntakeOptions.defaults().withHeader(o.header).withEmailColumn(o.emailColumn)
                .withDelimiter(o.delimiter).withCharset(o.charset == null ? null : Charset.forName(o.charset));
        long rows = 0;
        long withAddress = 0;
        long duplicates = 0;
        long billable = 0;
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        Map<String, Long> byReason = new TreeMap<>();
        Path output;
        try (ListReader reader = ListReader.open(input, opts)) {
            output = o.output != null ? o.output : defaultOutput(input, reader.format());
            int width = reader.sampleWidth();
            try (ResultsWriter writer = ResultsWriter.forPath(output, reader.preamble(), reader.header(), width,
                    reader.delimiter())) {
                Iterator<InputRow> it = reader.iterator();
                // Verdicts of recent addresses, so duplicates in later chunks are not probed again.
                Map<String, Verdict> recent = new java.util.LinkedHashMap<>(1 << 16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
                        return size() > 200_000;
                    }
                };
                List<InputRow> chunk = new ArrayList<>(CHUNK);
                while (it.hasNext()) {
                    chunk.add(it.next());
                    if (chunk.size() == CHUNK || !it.hasNext()) {
                        List<String> emails = new ArrayList<>();
                        for (InputRow r : chunk) {
                            if (r.email() != null && !recent.containsKey(r.email().toLowerCase(Locale.ROOT))) {
                                emails.add(r.email());
                            }
                        }
                        List<Verdict> verdicts = verifier.verifyAll(emails);
                        for (Verdict v : verdicts) {
                            recent.put(v.email().toLowerCase(Locale.ROOT), v);
                        }
                        for (InputRow r : chunk) {
                            rows++;
                            Verdict v = r.email() != null ? recent.get(r.email().toLowerCase(Locale.ROOT)) : null;
                            if (v != null && !v.email().equals(r.email())) {
                                v = new Verdict(r.email(), v.status(), v.reason(), v.syntaxValid(), v.normalizedEmail(),
                                        v.suggestion(), v.disposable(), v.role(), v.freeProvider(), v.catchAll(),
                                        v.mailboxFull(), v.smtputf8(), v.mxHost(), v.provider(), v.detail());
                            }
                            writer.write(r.cells(), v);
                            if (v != null) {
                                withAddress++;
                                if (r.duplicate()) {
                                    duplicates++;
                                } else {
                                    byStatus.merge(v.status(), 1L, Long::sum);
                                    byReason.merge(v.reason().code(), 1L, Long::sum);
                                    if (v.billable()) {
                                        billable++;
                                    }
                                }
                            }
                        }
                        chunk.clear();
                        if (!verifier.offline()) {
                            err.println("checked " + rows + " rows");
                        }
                    }
                }
            }
            out.println("input:  " + input + " (" + reader.describe() + ")");
        } catch (IntakeException e) {
            err.println("error: " + e.kind().code() + ": " + e.getMessage());
            return 3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("output: " + output);
        out.printf(Locale.ROOT, "rows: %d, with address: %d, unique: %d, duplicates: %d, without address: %d%n",
                rows, withAddress, withAddress - duplicates, duplicates, rows - withAddress);
        StringBuilder s = new StringBuilder();
        for (Status st : Status.values()) {
            s.append(s.isEmpty() ? "" : ", ").append(st.code()).append(": ").append(byStatus.getOrDefault(st, 0L));
        }
        out.println(s);
        StringBuilder r = new StringBuilder("reasons:");
        byReason.forEach((k, v) -> r.append(' ').append(k).append('=').append(v));
        out.println(r);
        out.println("billable (unique, plausible, not unknown): " + billable);
        return 0;
    }

    private static Path defaultOutput(Path input, ListReader.Format format) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = format == ListReader.Format.XLSX ? ".xlsx" : ".csv";
        Path parent = input.toAbsolutePath().getParent();
        return parent.resolve(base + ".results" + ext);
    }
}
