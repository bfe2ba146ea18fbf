package dev.mailsift.web.platform.axon;

import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.SpendingRefusal;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are a public contract: typing the refusal reason must not change what is stored or sent. */
class StoredSpendingRefusalTest {

    private final Serializer storage = new AxonConfig().serializer();

    @Test
    void aRefusedReservationStoredBeforeTheReasonWasTypedIsReadBackAndStoredTheSameWay() {
        String stored = "{\"userId\":\"u1\",\"reservationId\":\"job-1\",\"requested\":41,\"available\":40,"
                + "\"reason\":\"insufficient_credits\",\"rejectedAt\":\"2026-11-22T10:00:00Z\"}";

        CreditReservationRejected event = storage.deserialize(new SimpleSerializedObject<>(stored, String.class,
                CreditReservationRejected.class.getName(), null));

        assertThat(event).isEqualTo(new CreditReservationRejected("u1", "job-1", 41, 40,
                SpendingRefusal.INSUFFICIENT_CREDITS, Instant.parse("2026-11-22T10:00:00Z")));
        SerializedObject<String> again = storage.serialize(event, String.class);
        assertThat(again.getData()).isEqualTo(stored);
    }
}
