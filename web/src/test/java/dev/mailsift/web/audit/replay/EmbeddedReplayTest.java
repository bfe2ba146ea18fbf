package dev.mailsift.web.audit.replay;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link ReplayContract} on the embedded default (H2). */
class EmbeddedReplayTest extends EmbeddedAccessService implements ReplayContract {
}
