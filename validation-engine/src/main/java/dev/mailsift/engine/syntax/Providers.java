package dev.mailsift.engine.syntax;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Names the mailbox provider behind an MX host or a well-known domain. */
public final class Providers {

    private static final String[][] MX_SUFFIXES = {
            {"google.com", "google"}, {"googlemail.com", "google"}, {"outlook.com", "microsoft"},
            {"hotmail.com", "microsoft"}, {"yahoodns.net", "yahoo"}, {"icloud.com", "apple"},
            {"me.com", "apple"}, {"zoho.com", "zoho"}, {"zoho.eu", "zoho"}, {"protonmail.ch", "proton"},
            {"mimecast.com", "mimecast"}, {"pphosted.com", "proofpoint"}, {"ppe-hosted.com", "proofpoint"},
            {"messagingengine.com", "fastmail"}, {"yandex.net", "yandex"}, {"yandex.ru", "yandex"},
            {"mail.ru", "mail.ru"}, {"gmx.net", "gmx"}, {"web.de", "web.de"}, {"secureserver.net", "godaddy"},
            {"amazonaws.com", "amazon"}, {"barracudanetworks.com", "barracuda"}, {"qq.com", "tencent"},
            {"aol.com", "yahoo"}, {"mailgun.org", "mailgun"}, {"sendgrid.net", "sendgrid"}};

    // HashMap: looked up for every address, and a miss in Map.of's open addressing costs more.
    private static final Map<String, String> DOMAINS = Collections.unmodifiableMap(new HashMap<>(Map.ofEntries(
            Map.entry("gmail.com", "google"), Map.entry("googlemail.com", "google"),
            Map.entry("outlook.com", "microsoft"), Map.entry("hotmail.com", "microsoft"), Map.entry("live.com", "microsoft"),
            Map.entry("msn.com", "microsoft"), Map.entry("hotmail.co.uk", "microsoft"), Map.entry("hotmail.fr", "microsoft"),
            Map.entry("yahoo.com", "yahoo"), Map.entry("ymail.com", "yahoo"), Map.entry("aol.com", "yahoo"),
            Map.entry("yahoo.co.uk", "yahoo"), Map.entry("icloud.com", "apple"), Map.entry("me.com", "apple"),
            Map.entry("mac.com", "apple"), Map.entry("protonmail.com", "proton"), Map.entry("proton.me", "proton"),
            Map.entry("zoho.com", "zoho"), Map.entry("yandex.ru", "yandex"), Map.entry("mail.ru", "mail.ru"),
            Map.entry("gmx.com", "gmx"), Map.entry("gmx.de", "gmx"), Map.entry("web.de", "web.de"),
            Map.entry("fastmail.com", "fastmail"), Map.entry("qq.com", "tencent"))));

    private Providers() {
    }

    public static String byDomain(String asciiDomain) {
        return asciiDomain == null ? null : DOMAINS.get(asciiDomain);
    }

    public static String byMxHost(String mxHost) {
        if (mxHost == null) {
            return null;
        }
        String h = mxHost.endsWith(".") ? mxHost.substring(0, mxHost.length() - 1) : mxHost;
        for (String[] s : MX_SUFFIXES) {
            if (h.equals(s[0]) || h.endsWith("." + s[0])) {
                return s[1];
            }
        }
        return null;
    }
}
