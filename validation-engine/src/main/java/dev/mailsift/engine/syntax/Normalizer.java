package dev.mailsift.engine.syntax;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Provider-aware canonical form of a valid address, used for dedupe and shown as {@code normalized_email}.
 * The domain becomes its lower-case Unicode form (googlemail.com folds into gmail.com); the local part is
 * lower-cased (every large provider is case-insensitive; UTF-8 ones also NFC-normalised) and, where the provider documents it, sub-address
 * tags and dots are removed. Quoted local parts are kept as given.
 */
public final class Normalizer {

    private enum Rule { GMAIL, PLUS, HYPHEN, NONE }

    // HashMap: looked up for every address, and a miss in Map.of's open addressing costs more.
    private static final Map<String, Rule> RULES = Collections.unmodifiableMap(new HashMap<>(Map.ofEntries(
            Map.entry("gmail.com", Rule.GMAIL), Map.entry("googlemail.com", Rule.GMAIL),
            Map.entry("outlook.com", Rule.PLUS), Map.entry("hotmail.com", Rule.PLUS), Map.entry("live.com", Rule.PLUS),
            Map.entry("msn.com", Rule.PLUS), Map.entry("hotmail.co.uk", Rule.PLUS), Map.entry("outlook.fr", Rule.PLUS),
            Map.entry("hotmail.fr", Rule.PLUS), Map.entry("live.co.uk", Rule.PLUS),
            Map.entry("icloud.com", Rule.PLUS), Map.entry("me.com", Rule.PLUS), Map.entry("mac.com", Rule.PLUS),
            Map.entry("fastmail.com", Rule.PLUS), Map.entry("fastmail.fm", Rule.PLUS),
            Map.entry("protonmail.com", Rule.PLUS), Map.entry("proton.me", Rule.PLUS), Map.entry("pm.me", Rule.PLUS),
            Map.entry("zoho.com", Rule.PLUS), Map.entry("yandex.ru", Rule.PLUS), Map.entry("yandex.com", Rule.PLUS),
            Map.entry("gmx.com", Rule.NONE), Map.entry("gmx.de", Rule.NONE),
            Map.entry("yahoo.com", Rule.HYPHEN), Map.entry("ymail.com", Rule.HYPHEN), Map.entry("rocketmail.com", Rule.HYPHEN),
            Map.entry("yahoo.co.uk", Rule.HYPHEN), Map.entry("yahoo.fr", Rule.HYPHEN))));

    private static final Set<String> GOOGLE = Set.of("gmail.com", "googlemail.com");

    private Normalizer() {
    }

    public static String normalize(SyntaxResult r) {
        if (!r.valid()) {
            return null;
        }
        String domain = r.addressLiteral() ? r.asciiDomain() : r.unicodeDomain();
        if (r.quotedLocal()) {
            return r.localPart() + "@" + domain;
        }
        String local = r.localPart().toLowerCase(Locale.ROOT);
        if (r.smtputf8()) {
            local = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFC); // é composed or not: one mailbox
        }
        Rule rule = RULES.getOrDefault(r.asciiDomain(), Rule.NONE);
        switch (rule) {
            case GMAIL -> {
                local = cut(local, '+').replace(".", "");
                domain = GOOGLE.contains(domain) ? "gmail.com" : domain;
            }
            case PLUS -> local = cut(local, '+');
            case HYPHEN -> local = cut(local, '-');
            case NONE -> { }
        }
        return local + "@" + domain;
    }

    private static String cut(String local, char sep) {
        int i = local.indexOf(sep);
        return i > 0 ? local.substring(0, i) : local;
    }
}
