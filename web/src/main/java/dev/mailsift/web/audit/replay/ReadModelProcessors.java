package dev.mailsift.web.audit.replay;

import dev.mailsift.query.accounts.account.AccountProjection;
import dev.mailsift.query.jobs.JobProjection;

import java.util.Set;

/**
 * Which event processors may be replayed: those that only build read models, each with a reset handler that empties
 * its tables. Every other streaming processor acts on what it reads (grants credits, sends mail, writes the webhook
 * outbox, drives the pipeline), so replaying it would do those things again; subscribing processors keep no
 * position to reset.
 */
final class ReadModelProcessors {

    static final Set<String> REPLAYABLE = Set.of(AccountProjection.PROCESSING_GROUP, JobProjection.PROCESSING_GROUP);

    private ReadModelProcessors() {
    }

    static boolean replayable(String processor) {
        return REPLAYABLE.contains(processor);
    }
}
