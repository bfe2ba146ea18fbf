package dev.mailsift.bench.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes N addresses, one a line, to standard output for the CLI benchmark: what a customer's list looks like
 * (free providers, company domains, tags, capitals, role accounts, typos of providers, broken syntax, a few
 * international ones). Fixed seed, so every run and every tool sees the same file. Args: [N=1000000] [seed=15].
 */
public final class CliCorpusMain {

    private static final String[] FIRST = {"john", "mary", "ahmed", "li", "olga", "pierre", "sofia", "kenji", "anna",
            "carlos", "fatima", "peter", "zoe", "ivan", "maria", "tom", "lucas", "emma", "noah", "mia"};
    private static final String[] LAST = {"smith", "garcia", "wang", "muller", "rossi", "dubois", "kowalski", "tanaka",
            "silva", "jones", "nguyen", "ivanova", "brown", "khan", "larsen"};
    private static final String[] FREE = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
            "aol.com", "gmx.de", "web.de", "yandex.ru", "proton.me", "mail.ru", "orange.fr"};
    private static final String[] TYPO = {"gmial.com", "gmail.con", "yaho.com", "hotmial.com", "outlok.com", "gmail.co"};
    private static final String[] ROLE = {"info", "sales", "support", "admin", "contact", "office"};
    private static final String[] TLD = {"com", "de", "co.uk", "fr", "io", "net", "org", "com.br", "nl", "example"};
    private static final String[] BROKEN = {"john..smith@gmail.com", "no-at-sign.example.com", "two@@example.com",
            "trailing.@example.com", "spaces in@example.com", "@example.com", "user@", "user@-bad-.com", "user@exa mple.com"};
    private static final String[] INTERNATIONAL = {"用户@例子.广告", "josé@correo.es", "müller@bücher.de", "θσερ@παράδειγμα.gr"};

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(args.length > 1 ? Long.parseLong(args[1]) : 15);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                out.write(address(random, i));
                out.write('\n');
            }
        }
    }

    private static String address(SplittableRandom random, int i) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        int kind = random.nextInt(100);
        if (kind < 3) {
            return BROKEN[random.nextInt(BROKEN.length)];
        }
        if (kind < 5) {
            return first + "." + last + "@" + TYPO[random.nextInt(TYPO.length)];
        }
        if (kind < 6) {
            return INTERNATIONAL[random.nextInt(INTERNATIONAL.length)];
        }
        if (kind < 10) {
            return ROLE[random.nextInt(ROLE.length)] + "@" + last + "-" + (i % 5000) + "." + TLD[random.nextInt(TLD.length)];
        }
        String local = switch (random.nextInt(5)) {
            case 0 -> first + "." + last;
            case 1 -> first + last + random.nextInt(100);
            case 2 -> first.charAt(0) + last;
            case 3 -> first + "+" + "news" + random.nextInt(10);
            default -> Character.toUpperCase(first.charAt(0)) + first.substring(1) + "." + last;
        };
        if (kind < 65) {
            return local + "@" + FREE[random.nextInt(FREE.length)];
        }
        return local + "@" + last + "-" + (i % 5000) + "." + TLD[random.nextInt(TLD.length)];
    }
}
