package dev.mailsift.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-domain answers to "does this domain accept any local part?", kept for a while so a domain's next batch is
 * not probed again. Bounded: at the cap, expired answers go, and if none had expired, all of them.
 */
final class CatchAllCache {

    private static final int MAX_DOMAINS = 100_000;

    private record Answer(Boolean catchAll, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();
    private final Duration ttl;

    CatchAllCache(Duration ttl) {
        this.ttl = ttl;
    }

    /** @return the cached answer, or null when there is none or it has expired */
    Boolean get(String domain) {
        Answer answer = answers.get(domain);
        if (answer == null || answer.expiresAtNanos() - System.nanoTime() < 0) {
            return null;
        }
        return answer.catchAll();
    }

    void put(String domain, boolean catchAll) {
        if (answers.size() >= MAX_DOMAINS) {
            long now = System.nanoTime();
            answers.values().removeIf(answer -> answer.expiresAtNanos() - now <= 0);
            if (answers.size() >= MAX_DOMAINS) {
                answers.clear();
            }
        }
        answers.put(domain, new Answer(catchAll, System.nanoTime() + ttl.toNanos()));
    }
}
