package dev.mailsift.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.accounts.UserRegisteredUpcaster;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link UserRegistered} stored in its first form, without a revision, reads as revision 2; the audit contracts
 * read one stored in the first form through the running service.
 */
class UserRegisteredUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();

    @Test
    void theOperatorsFirstFormReadsAsConfirmedAndAUsersAsNot() {
        JsonNode operator = upcast(firstForm("ADMIN"), null);
        assertThat(operator.get("emailConfirmed").asBoolean()).isTrue();
        assertThat(operator.get("email").asText()).isEqualTo("op@example.com");
        assertThat(operator.get("registeredAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(upcast(firstForm("USER"), null).get("emailConfirmed").asBoolean()).isFalse();
    }

    @Test
    void theUpcastFormDeserialisesIntoTheCurrentRecord() {
        var entry = entry(firstForm("ADMIN"), null);
        IntermediateEventRepresentation upcast = new UserRegisteredUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        UserRegistered event = serializer.deserialize(upcast.getData());
        assertThat(event).isEqualTo(new UserRegistered("u1", "op@example.com", "$2a$hash", UserRole.ADMIN,
                Instant.parse("2026-01-02T03:04:05Z"), true));
        assertThat(serializer.serialize(event, byte[].class).getType().getRevision()).isEqualTo("2");
    }

    @Test
    void theCurrentFormPassesUntouched() {
        String current = "{\"userId\":\"u1\",\"role\":\"ADMIN\",\"emailConfirmed\":false}";
        assertThat(upcast(current, "2").get("emailConfirmed").asBoolean()).isFalse();
    }

    private JsonNode upcast(String json, String revision) {
        var entry = entry(json, revision);
        IntermediateEventRepresentation upcast = new UserRegisteredUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return upcast.getData(JsonNode.class).getData();
    }

    private static GenericDomainEventEntry<byte[]> entry(String json, String revision) {
        return new GenericDomainEventEntry<>("User", "u1", 0, "e1", "2026-01-02T03:04:05Z",
                UserRegistered.class.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static String firstForm(String role) {
        return """
                {"userId":"u1","email":"op@example.com","passwordHash":"$2a$hash","role":"%s",\
                "registeredAt":"2026-01-02T03:04:05Z"}""".formatted(role);
    }
}
