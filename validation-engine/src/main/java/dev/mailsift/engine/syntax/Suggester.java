package dev.mailsift.engine.syntax;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typo fixes for the domains people mistype most: popular mailbox providers (edit distance, transpositions
 * counted as one edit) and common TLDs ({@code .con} → {@code .com}). A domain that is itself a known provider
 * is never "corrected".
 */
public final class Suggester {

    static final List<String> PROVIDERS = List.of(
            "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com", "live.com", "msn.com",
            "comcast.net", "hotmail.co.uk", "yahoo.co.uk", "googlemail.com", "me.com", "mac.com", "protonmail.com",
            "proton.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "ymail.com", "yandex.ru", "mail.ru",
            "zoho.com", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net",
            "orange.fr", "free.fr", "wanadoo.fr", "laposte.net", "libero.it", "t-online.de", "btinternet.com",
            "hotmail.fr", "yahoo.fr", "outlook.fr", "live.fr", "qq.com", "163.com", "126.com", "naver.com",
            "rediffmail.com", "fastmail.com", "hey.com", "tutanota.com", "rocketmail.com", "shaw.ca", "rogers.com",
            "sky.com", "virginmedia.com", "bigpond.com", "uol.com.br", "bol.com.br", "terra.com.br", "seznam.cz",
            "wp.pl", "o2.pl", "interia.pl", "hotmail.it", "yahoo.it", "hotmail.es", "yahoo.es");

    private static final Set<String> PROVIDER_SET = Collections.unmodifiableSet(new HashSet<>(PROVIDERS));
    private static final String[] PROVIDER_ARRAY = PROVIDERS.toArray(String[]::new);
    private static final byte[][] PROVIDER_HISTOGRAMS = new byte[PROVIDER_ARRAY.length][];
    private static final long[] PROVIDER_MASKS = new long[PROVIDER_ARRAY.length];

    /** Provider indexes by length, so a domain is only compared with providers at most two characters longer or shorter. */
    private static final int[][] BY_LENGTH;

    static {
        for (int i = 0; i < PROVIDER_ARRAY.length; i++) {
            PROVIDER_HISTOGRAMS[i] = histogram(PROVIDER_ARRAY[i]);
            PROVIDER_MASKS[i] = mask(PROVIDER_ARRAY[i]);
        }
        int maxLen = 0;
        for (String p : PROVIDER_ARRAY) {
            maxLen = Math.max(maxLen, p.length());
        }
        BY_LENGTH = new int[maxLen + 3][];
        for (int len = 0; len < BY_LENGTH.length; len++) {
            int l = len;
            BY_LENGTH[len] = java.util.stream.IntStream.range(0, PROVIDER_ARRAY.length)
                    .filter(i -> Math.abs(PROVIDER_ARRAY[i].length() - l) <= 2).toArray();
        }
    }

    private static final int BINS = 40;

    /** Which characters occur (bins as in {@link #histogram}): one edit flips at most two bits. */
    private static long mask(String s) {
        long m = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int bin = c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0') : c == '.' ? 36 : c == '-' ? 37 : 38;
            m |= 1L << bin;
        }
        return m;
    }

    /** Letter/digit/other counts: each edit changes their L1 distance by at most 2, so L1/2 bounds the distance. */
    private static byte[] histogram(String s) {
        byte[] h = new byte[BINS];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int bin = c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0') : c == '.' ? 36 : c == '-' ? 37 : 38;
            h[bin]++;
        }
        return h;
    }

    // HashMap: looked up for every address, and a miss in Map.of's open addressing costs more.
    private static final Map<String, String> TLD_FIXES = Collections.unmodifiableMap(new HashMap<>(Map.ofEntries(
            Map.entry("con", "com"), Map.entry("cmo", "com"), Map.entry("ocm", "com"), Map.entry("comm", "com"),
            Map.entry("vom", "com"), Map.entry("xom", "com"), Map.entry("cpm", "com"), Map.entry("coom", "com"),
            Map.entry("co", "com"), Map.entry("cm", "com"), Map.entry("om", "com"), Map.entry("c0m", "com"),
            Map.entry("nte", "net"), Map.entry("ner", "net"), Map.entry("nett", "net"), Map.entry("met", "net"),
            Map.entry("orgg", "org"), Map.entry("ogr", "org"), Map.entry("rog", "org"), Map.entry("edi", "edu"))));

    private Suggester() {
    }

    /**
     * @param localPart  as given
     * @param asciiDomain lower-case A-label domain, or a raw lower-cased domain for invalid addresses
     * @return the suggested full address, or null
     */
    public static String suggest(String localPart, String asciiDomain) {
        if (localPart == null || asciiDomain == null || asciiDomain.isEmpty() || PROVIDER_SET.contains(asciiDomain)) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int[] candidates = asciiDomain.length() < BY_LENGTH.length ? BY_LENGTH[asciiDomain.length()] : new int[0];
        long myMask = mask(asciiDomain);
        byte[] mine = null;
        for (int k : candidates) {
            String p = PROVIDER_ARRAY[k];
            int allowed = p.length() <= 7 ? 1 : 2;
            if (Long.bitCount(myMask ^ PROVIDER_MASKS[k]) > 2 * allowed) {
                continue;
            }
            if (mine == null) {
                mine = histogram(asciiDomain);
            }
            if (Math.abs(p.length() - asciiDomain.length()) > allowed) {
                continue;
            }
            byte[] theirs = PROVIDER_HISTOGRAMS[k];
            int l1 = 0;
            for (int b = 0; b < BINS && l1 <= 2 * allowed; b++) {
                l1 += Math.abs(mine[b] - theirs[b]);
            }
            if (l1 > 2 * allowed) {
                continue;
            }
            int d = distance(asciiDomain, p, allowed);
            if (d <= allowed && d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        if (best == null) {
            int dot = asciiDomain.lastIndexOf('.');
            if (dot > 0) {
                String fix = TLD_FIXES.get(asciiDomain.substring(dot + 1));
                String name = asciiDomain.substring(0, dot);
                // ".co" and ".cm" are real TLDs: only fix them for a known provider name (gmail.co → gmail.com).
                if (fix != null) {
                    String candidate = name + "." + fix;
                    boolean realTld = asciiDomain.endsWith(".co") || asciiDomain.endsWith(".cm") || asciiDomain.endsWith(".om");
                    if (!realTld || PROVIDER_SET.contains(candidate)) {
                        best = candidate;
                    }
                }
            }
        }
        return best == null ? null : localPart + "@" + best;
    }

    /**
     * Optimal string alignment distance (transposition = one edit), computed only inside the diagonal band
     * |i - j| <= max and abandoned as soon as the band's minimum exceeds {@code max}; returns {@code max + 1}
     * for anything farther. Cost is O(len * max), with no allocation beyond three small rows.
     */
    static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        final int inf = max + 1;
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j <= max ? j : inf;
        }
        for (int i = 1; i <= n; i++) {
            int lo = Math.max(1, i - max);
            int hi = Math.min(m, i + max);
            cur[0] = i <= max ? i : inf;
            if (lo > 1) {
                cur[lo - 1] = inf;
            }
            int rowMin = cur[0];
            char ca = a.charAt(i - 1);
            for (int j = lo; j <= hi; j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = Math.min(v, inf);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (hi < m) {
                cur[hi + 1] = inf;
            }
            if (rowMin > max) {
                return inf;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], inf);
    }
}
