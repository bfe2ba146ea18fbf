package dev.mailsift.web.admin;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link SuspensionContract} on the embedded default. */
class EmbeddedSuspensionTest extends EmbeddedAccessService implements SuspensionContract {
}
