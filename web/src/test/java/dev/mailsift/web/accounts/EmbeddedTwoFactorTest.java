package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link TwoFactorContract} on the embedded default. */
class EmbeddedTwoFactorTest extends EmbeddedAccessService implements TwoFactorContract {
}
