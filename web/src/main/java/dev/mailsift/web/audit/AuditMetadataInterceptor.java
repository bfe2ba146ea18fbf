package dev.mailsift.web.audit;

import dev.mailsift.web.platform.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with its actor and client address, taken from the security context and the current
 * HTTP request; commands sent outside a request (start-up, sagas) are the system's. Values already present
 * (set explicitly by the sender) win.
 */
class AuditMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> audit = new HashMap<>();
            if (!command.getMetaData().containsKey(AuditMetadata.ACTOR)) {
                audit.put(AuditMetadata.ACTOR, currentActor());
            }
            String clientAddress = currentClientAddress();
            if (clientAddress != null && !command.getMetaData().containsKey(AuditMetadata.CLIENT_ADDRESS)) {
                audit.put(AuditMetadata.CLIENT_ADDRESS, clientAddress);
            }
            return audit.isEmpty() ? command : command.andMetaData(audit);
        };
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return user.actor();
        }
        return AuditMetadata.SYSTEM;
    }

    private static String currentClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
