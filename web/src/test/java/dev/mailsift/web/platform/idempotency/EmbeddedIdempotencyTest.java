package dev.mailsift.web.platform.idempotency;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link IdempotencyContract} on the embedded default. */
class EmbeddedIdempotencyTest extends EmbeddedAccessService implements IdempotencyContract {
}
