package dev.mailsift.web.audit;

import dev.mailsift.web.support.PostgresRabbitAccessService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link AuditContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitAuditTest extends PostgresRabbitAccessService implements AuditContract {

    @Autowired
    private CommandGateway commands;

    @Override
    public CommandGateway commands() {
        return commands;
    }
}
