package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link EmailConfirmationContract} on the embedded default. */
class EmbeddedEmailConfirmationTest extends EmbeddedAccessService implements EmailConfirmationContract {
}
