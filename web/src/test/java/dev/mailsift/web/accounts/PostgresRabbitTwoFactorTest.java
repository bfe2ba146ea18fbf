package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link TwoFactorContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitTwoFactorTest extends PostgresRabbitAccessService implements TwoFactorContract {
}
