package dev.mailsift.web.platform.axon;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsGranted;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A grant's source was added to a stored event: grants stored before it were all an operator's. */
class StoredCreditsGrantedTest {

    private static final Instant GRANTED_AT = Instant.parse("2026-11-01T10:00:00Z");

    private final Serializer storage = new AxonConfig().serializer();

    @Test
    void aGrantStoredWithoutASourceReadsAsAnOperatorsGrant() {
        String stored = "{\"userId\":\"u1\",\"grantId\":\"g1\",\"amount\":5,\"reason\":\"welcome\","
                + "\"availableAfter\":5,\"grantedAt\":\"2026-11-01T10:00:00Z\"}";

        CreditsGranted grant = read(stored);

        assertThat(grant).isEqualTo(new CreditsGranted("u1", "g1", 5, "welcome", 5, GRANTED_AT,
                CreditSource.OPERATOR));
    }

    @Test
    void aGrantsSourceIsStoredAsItsCode() {
        CreditsGranted trial = new CreditsGranted("u1", "sign-up/u1", 100, "sign-up credits", 100, GRANTED_AT,
                CreditSource.SIGN_UP);

        String stored = storage.serialize(trial, String.class).getData();

        assertThat(stored).contains("\"source\":\"sign_up\"");
        assertThat(read(stored)).isEqualTo(trial);
    }

    private CreditsGranted read(String stored) {
        return storage.deserialize(new SimpleSerializedObject<>(stored, String.class, CreditsGranted.class.getName(),
                null));
    }
}
