package dev.mailsift.web.platform.fairness;

import java.time.Duration;

/**
 * A command did not get its turn on its aggregate within {@code mailsift.fairness.aggregate-wait}: nothing was
 * done, so the request can be retried as it is. Answers 503 {@code resource-busy} with {@code Retry-After}.
 */
public class AggregateBusyException extends RuntimeException {

    AggregateBusyException(String aggregateId, Duration waited) {
        super("Commands on " + aggregateId + " were still queued after " + waited.toMillis() + " ms");
    }
}
