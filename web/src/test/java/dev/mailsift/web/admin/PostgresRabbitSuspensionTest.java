package dev.mailsift.web.admin;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link SuspensionContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitSuspensionTest extends PostgresRabbitAccessService implements SuspensionContract {
}
