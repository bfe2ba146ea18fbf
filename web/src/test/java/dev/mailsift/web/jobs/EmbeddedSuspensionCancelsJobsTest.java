package dev.mailsift.web.jobs;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link SuspensionCancelsJobsContract} on the embedded default. */
class EmbeddedSuspensionCancelsJobsTest extends EmbeddedAccessService implements SuspensionCancelsJobsContract {
}
