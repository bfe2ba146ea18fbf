package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link ProfileContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitProfileTest extends PostgresRabbitAccessService implements ProfileContract {
}
