package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link ProfileContract} on the embedded default. */
class EmbeddedProfileTest extends EmbeddedAccessService implements ProfileContract {
}
