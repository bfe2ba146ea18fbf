package dev.mailsift.web.jobs;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link SuspensionCancelsJobsContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitSuspensionCancelsJobsTest extends PostgresRabbitAccessService
        implements SuspensionCancelsJobsContract {
}
