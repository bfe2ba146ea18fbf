package dev.mailsift.web.platform.idempotency;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link IdempotencyContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitIdempotencyTest extends PostgresRabbitAccessService implements IdempotencyContract {
}
