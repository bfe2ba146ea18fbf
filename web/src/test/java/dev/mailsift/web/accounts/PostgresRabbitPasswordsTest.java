package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link PasswordsContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitPasswordsTest extends PostgresRabbitAccessService implements PasswordsContract {
}
