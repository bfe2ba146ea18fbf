package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link IntegrityContract} on the embedded default (H2). */
class EmbeddedIntegrityTest extends EmbeddedAccessService implements IntegrityContract {
}
