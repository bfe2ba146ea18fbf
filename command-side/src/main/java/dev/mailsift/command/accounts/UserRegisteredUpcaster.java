package dev.mailsift.command.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailsift.api.user.UserRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link UserRegistered} stored in its first form (no revision) as revision 2: {@code emailConfirmed} is
 * what every reader used to infer from the role (only the operator account, opened from the deployment's
 * configuration, counted as confirmed). Registered in Axon's upcaster chain as a Spring bean, so the event store,
 * every processor and the audit stream see the current form.
 */
@Component
@Order(0)
public class UserRegisteredUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType FIRST_FORM =
            new SimpleSerializedType(UserRegistered.class.getName(), null);
    private static final String CURRENT_REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(FIRST_FORM);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcast(new SimpleSerializedType(UserRegistered.class.getName(), CURRENT_REVISION),
                JsonNode.class, UserRegisteredUpcaster::withConfirmation, metaData -> metaData);
    }

    private static JsonNode withConfirmation(JsonNode first) {
        ObjectNode current = first.deepCopy();
        current.put("emailConfirmed", "ADMIN".equals(first.path("role").asText()));
        return current;
    }
}
