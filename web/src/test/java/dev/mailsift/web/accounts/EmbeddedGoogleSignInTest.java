package dev.mailsift.web.accounts;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link GoogleSignInContract} on the embedded default. */
class EmbeddedGoogleSignInTest extends EmbeddedAccessService implements GoogleSignInContract {
}
