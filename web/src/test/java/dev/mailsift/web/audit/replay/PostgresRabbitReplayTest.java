package dev.mailsift.web.audit.replay;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link ReplayContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitReplayTest extends PostgresRabbitAccessService implements ReplayContract {
}
