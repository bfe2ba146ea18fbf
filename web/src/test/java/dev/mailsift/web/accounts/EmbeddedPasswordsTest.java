package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link PasswordsContract} on the embedded default. */
class EmbeddedPasswordsTest extends EmbeddedAccessService implements PasswordsContract {
}
