package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link EmailConfirmationContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitEmailConfirmationTest extends PostgresRabbitAccessService implements EmailConfirmationContract {
}
