package dev.mailsift.engine.syntax;

import com.ibm.icu.text.IDNA;
import dev.mailsift.engine.lists.ListSnapshots;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Delegated top-level domains (IANA root zone, via the {@code tlds} npm snapshot), in A-label form. */
public final class Tlds {

    private final Set<String> ascii;

    public Tlds(Iterable<String> entries) {
        Set<String> set = new HashSet<>();
        IDNA idna = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII);
        for (String e : entries) {
            String t = e.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            IDNA.Info info = new IDNA.Info();
            idna.labelToASCII(t, out, info);
            set.add(info.hasErrors() ? t : out.toString());
        }
        this.ascii = Collections.unmodifiableSet(set); // HashSet: see ListSnapshots.read
    }

    public static Tlds shipped() {
        return new Tlds(ListSnapshots.shipped().tlds());
    }

    /** @param tld lower-case A-label */
    public boolean contains(String tld) {
        return ascii.contains(tld);
    }

    public int size() {
        return ascii.size();
    }
}
