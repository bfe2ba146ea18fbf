package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link ApiKeysContract} on the embedded default. */
class EmbeddedApiKeysTest extends EmbeddedAccessService implements ApiKeysContract {
}
