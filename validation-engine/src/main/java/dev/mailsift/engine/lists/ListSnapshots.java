package dev.mailsift.engine.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One immutable set of list data: disposable domains, free-provider domains, role local parts and TLDs.
 * Files hold one entry per line; {@code #} starts a comment line. The shipped snapshots live under
 * {@code dev/mailsift/engine/lists/} and come from npm packages (see docs/engine.md and scripts/refresh-lists.sh).
 */
public record ListSnapshots(Set<String> disposableDomains, Set<String> freeProviderDomains, Set<String> roleLocalParts,
                            Set<String> tlds, String source) {

    public static final String DISPOSABLE = "disposable-domains.txt";
    public static final String FREE = "free-provider-domains.txt";
    public static final String ROLE = "role-local-parts.txt";
    public static final String TLDS = "tlds.txt";

    private static volatile ListSnapshots shipped;

    public static ListSnapshots shipped() {
        ListSnapshots s = shipped;
        if (s == null) {
            synchronized (ListSnapshots.class) {
                s = shipped;
                if (s == null) {
                    s = new ListSnapshots(resource(DISPOSABLE), resource(FREE), resource(ROLE), resource(TLDS), "shipped");
                    shipped = s;
                }
            }
        }
        return s;
    }

    /** Files present in {@code dir} replace the shipped ones; missing files keep the shipped data. */
    public static ListSnapshots fromDirectory(Path dir) {
        ListSnapshots base = shipped();
        return new ListSnapshots(
                file(dir.resolve(DISPOSABLE), base.disposableDomains()),
                file(dir.resolve(FREE), base.freeProviderDomains()),
                file(dir.resolve(ROLE), base.roleLocalParts()),
                file(dir.resolve(TLDS), base.tlds()),
                dir.toString());
    }

    private static Set<String> resource(String name) {
        try (InputStream in = ListSnapshots.class.getResourceAsStream("/dev/mailsift/engine/lists/" + name)) {
            if (in == null) {
                throw new IllegalStateException("list snapshot missing from the jar: " + name);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> file(Path path, Set<String> fallback) {
        if (!Files.isRegularFile(path)) {
            return fallback;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read list " + path, e);
        }
    }

    static Set<String> read(InputStream in) throws IOException {
        Set<String> out = new HashSet<>(16_384);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.trim();
                if (!t.isEmpty() && t.charAt(0) != '#') {
                    out.add(t.toLowerCase(Locale.ROOT));
                }
            }
        }
        // A HashSet, not Set.copyOf: looked up several times per address, mostly missing, and Set.copyOf's
        // open addressing (a division and equals per probe) costs several times more per miss.
        return Collections.unmodifiableSet(out);
    }
}
