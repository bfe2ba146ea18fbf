package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link SessionsContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitSessionsTest extends PostgresRabbitAccessService implements SessionsContract {
}
