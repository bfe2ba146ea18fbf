package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link ApiKeysContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitApiKeysTest extends PostgresRabbitAccessService implements ApiKeysContract {
}
