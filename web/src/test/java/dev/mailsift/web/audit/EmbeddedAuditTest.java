package dev.mailsift.web.audit;

import dev.mailsift.web.support.EmbeddedAccessService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link AuditContract} on the embedded default. */
class EmbeddedAuditTest extends EmbeddedAccessService implements AuditContract {

    @Autowired
    private CommandGateway commands;

    @Override
    public CommandGateway commands() {
        return commands;
    }
}
