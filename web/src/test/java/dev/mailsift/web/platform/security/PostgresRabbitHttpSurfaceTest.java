package dev.mailsift.web.platform.security;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link HttpSurfaceContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitHttpSurfaceTest extends PostgresRabbitAccessService implements HttpSurfaceContract {
}
