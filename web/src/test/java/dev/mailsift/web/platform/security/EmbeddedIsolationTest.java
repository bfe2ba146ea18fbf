package dev.mailsift.web.platform.security;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link IsolationContract} on the embedded default. */
class EmbeddedIsolationTest extends EmbeddedAccessService implements IsolationContract {
}
