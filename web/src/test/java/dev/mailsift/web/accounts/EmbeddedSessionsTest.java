package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link SessionsContract} on the embedded default. */
class EmbeddedSessionsTest extends EmbeddedAccessService implements SessionsContract {
}
