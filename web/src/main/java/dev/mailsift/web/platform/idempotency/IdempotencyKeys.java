package dev.mailsift.web.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id a request creates, from the client's {@code Idempotency-Key}: the same key from the same caller for the same
 * kind of thing names the same grant, job or checkout, so a retried request creates nothing twice. Without a key,
 * a fresh random id.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /**
     * @param key   the client's key, or null/blank for none
     * @param scope what makes one client's key distinct from another's (the caller, the kind of thing); joined with
     *              the key by {@code |}, so ids derived before this class existed stay the same
     */
    public static String idFor(String key, String... scope) {
        if (key == null || key.isBlank()) {
            return UUID.randomUUID().toString();
        }
        String scoped = String.join("|", scope) + "|" + key;
        return UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
