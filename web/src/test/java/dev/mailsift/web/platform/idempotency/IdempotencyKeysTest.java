package dev.mailsift.web.platform.idempotency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeysTest {

    @Test
    void aKeyNamesTheSameIdAsBeforeTheDerivationWasShared() {
        // job ids and grant ids derived from keys are stored in events: a retry after an upgrade must find them
        assertThat(IdempotencyKeys.idFor("k1", "u1", "job"))
                .isEqualTo(UUID.nameUUIDFromBytes("u1|job|k1".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(IdempotencyKeys.idFor("k1", "operator", "u1"))
                .isEqualTo(UUID.nameUUIDFromBytes("operator|u1|k1".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void theSameKeyInAnotherScopeOrFromAnotherCallerNamesAnotherId() {
        assertThat(IdempotencyKeys.idFor("k1", "u1", "job")).isNotEqualTo(IdempotencyKeys.idFor("k1", "u2", "job"))
                                                              .isNotEqualTo(IdempotencyKeys.idFor("k1", "u1", "checkout"));
    }

    @Test
    void withoutAKeyEveryRequestGetsAFreshId() {
        assertThat(IdempotencyKeys.idFor(null, "u1", "job")).isNotEqualTo(IdempotencyKeys.idFor(" ", "u1", "job"));
    }
}
