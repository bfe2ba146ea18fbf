package dev.mailsift.web.audit.replay;

import dev.mailsift.query.accounts.access.TotpProjection;
import dev.mailsift.query.accounts.access.UserStatusProjection;
import dev.mailsift.query.accounts.account.AccountProjection;
import dev.mailsift.query.accounts.apikeys.ApiKeyProjection;
import dev.mailsift.query.accounts.credentials.CredentialsProjection;
import dev.mailsift.query.jobs.JobProjection;
import dev.mailsift.query.webhooks.WebhookEndpointProjection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which event processors may be replayed: those that only build read models, each with a reset handler that empties
 * its tables. Streaming ones are reset and catch up on their own; subscribing ones (which build their tables inside
 * the appending transaction) are rebuilt by {@link SubscribingRebuild} from the projections listed here, so a
 * handler that acts (the {@code access} processor's session revocation) never runs again. Every other processor acts
 * on what it reads (grants credits, sends mail, writes the webhook outbox, drives the pipeline): replaying it would
 * do those things again.
 */
final class ReadModelProcessors {

    static final Set<String> STREAMING = Set.of(AccountProjection.PROCESSING_GROUP, JobProjection.PROCESSING_GROUP);

    /** A subscribing processor's read model: the projections that build it. */
    record SubscribingReadModel(String processor, List<Class<?>> projections) {
    }

    static final Map<String, SubscribingReadModel> SUBSCRIBING = Map.of(
            CredentialsProjection.PROCESSING_GROUP, new SubscribingReadModel(CredentialsProjection.PROCESSING_GROUP,
                    List.of(CredentialsProjection.class)),
            UserStatusProjection.PROCESSING_GROUP, new SubscribingReadModel(UserStatusProjection.PROCESSING_GROUP,
                    List.of(UserStatusProjection.class, TotpProjection.class, ApiKeyProjection.class)),
            WebhookEndpointProjection.PROCESSING_GROUP, new SubscribingReadModel(
                    WebhookEndpointProjection.PROCESSING_GROUP, List.of(WebhookEndpointProjection.class)));

    static final Set<String> REPLAYABLE = replayable();

    private ReadModelProcessors() {
    }

    static boolean replayable(String processor) {
        return REPLAYABLE.contains(processor);
    }

    static Optional<SubscribingReadModel> subscribing(String processor) {
        return Optional.ofNullable(SUBSCRIBING.get(processor));
    }

    private static Set<String> replayable() {
        Set<String> names = new TreeSet<>(STREAMING);
        names.addAll(SUBSCRIBING.keySet());
        return names;
    }
}
