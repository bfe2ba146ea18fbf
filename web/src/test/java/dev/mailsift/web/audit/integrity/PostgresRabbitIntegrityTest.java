package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link IntegrityContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitIntegrityTest extends PostgresRabbitAccessService implements IntegrityContract {
}
