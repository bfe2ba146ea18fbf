package dev.mailsift.bench.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scores each validator on the same corpora: the built-in {@link Corpus} plus any given on the command line
 * ({@code --valid FILE} / {@code --invalid FILE}, repeatable; {@code --no-builtin} scores only the files).
 * Prints per-validator scores (and with {@code --verbose} the misses), then one summary line last.
 */
public final class CorrectnessMain {

    public static void main(String[] args) throws Exception {
        boolean builtin = !List.of(args).contains("--no-builtin");
        List<String> valid = new ArrayList<>(builtin ? Corpus.VALID : List.of());
        List<String> invalid = new ArrayList<>(builtin ? Corpus.INVALID : List.of());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--valid" -> valid.addAll(Corpus.load(Path.of(args[++i])));
                case "--invalid" -> invalid.addAll(Corpus.load(Path.of(args[++i])));
                case "--verbose", "--no-builtin" -> { }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean verbose = List.of(args).contains("--verbose");
        StringBuilder last = new StringBuilder("correctness (" + (valid.size() + invalid.size()) + " addresses):");
        for (Map.Entry<String, Predicate<String>> e : Validators.all().entrySet()) {
            int ok = 0;
            List<String> misses = new ArrayList<>();
            for (String s : valid) {
                if (safe(e.getValue(), s)) {
                    ok++;
                } else {
                    misses.add("  rejects valid   " + printable(s));
                }
            }
            for (String s : invalid) {
                if (!safe(e.getValue(), s)) {
                    ok++;
                } else {
                    misses.add("  accepts invalid " + printable(s));
                }
            }
            System.out.printf(Locale.ROOT, "%-18s %d/%d correct (%d misses)%n", e.getKey(), ok, valid.size() + invalid.size(), misses.size());
            if (verbose) {
                misses.forEach(System.out::println);
            }
            last.append(String.format(Locale.ROOT, " %s=%d/%d (%.1f%%)", e.getKey(), ok, valid.size() + invalid.size(),
                    100.0 * ok / (valid.size() + invalid.size())));
        }
        System.out.println(last);
    }

    private static boolean safe(Predicate<String> p, String s) {
        try {
            return p.test(s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s.length() > 80 ? s.substring(0, 77) + "..." : s).toCharArray()) {
            b.append(c < 32 || (c >= 0x200B && c <= 0x202E) || c == 0xFEFF ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
