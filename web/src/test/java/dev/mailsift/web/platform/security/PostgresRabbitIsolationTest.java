package dev.mailsift.web.platform.security;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link IsolationContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitIsolationTest extends PostgresRabbitAccessService implements IsolationContract {
}
