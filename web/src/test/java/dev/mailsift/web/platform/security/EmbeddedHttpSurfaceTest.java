package dev.mailsift.web.platform.security;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link HttpSurfaceContract} on the embedded default. */
class EmbeddedHttpSurfaceTest extends EmbeddedAccessService implements HttpSurfaceContract {
}
