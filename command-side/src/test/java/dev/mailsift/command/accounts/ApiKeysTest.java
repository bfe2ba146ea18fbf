package dev.mailsift.command.accounts;

import dev.mailsift.api.user.ApiKeyIssued;
import dev.mailsift.api.user.ApiKeyRevoked;
import dev.mailsift.api.user.IssueApiKey;
import dev.mailsift.api.user.RevokeApiKey;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.mailsift.command.accounts.UserFixture.*;

class ApiKeysTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void issuingAKeyRecordsItsHashLabelAndExpiry() {
        Instant expires = NOW.plus(Duration.ofDays(30));
        fixture.given(registered())
               .when(new IssueApiKey("u1", "k1", "  CI server ", "ms_live_AbCd", "hash-1", expires))
               .expectEvents(new ApiKeyIssued("u1", "k1", "CI server", "ms_live_AbCd", "hash-1", expires, NOW))
               .expectResultMessagePayload("k1");
    }

    @Test
    void aKeyWithoutExpiryNeverExpires() {
        fixture.given(registered())
               .when(new IssueApiKey("u1", "k1", "cron", "ms_live_AbCd", "hash-1", null))
               .expectEvents(new ApiKeyIssued("u1", "k1", "cron", "ms_live_AbCd", "hash-1", null, NOW));
    }

    @Test
    void anExpiryInThePastOrABlankLabelIsRejected() {
        fixture.given(registered())
               .when(new IssueApiKey("u1", "k1", "old", "p", "h", NOW.minusSeconds(1)))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new IssueApiKey("u1", "k1", "  ", "p", "h", null))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new IssueApiKey("u1", "k1", "x".repeat(101), "p", "h", null))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void theSameKeyIdTwiceIsRejected() {
        fixture.given(registered(), issued("k1", null))
               .when(new IssueApiKey("u1", "k1", "again", "p", "h2", null))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void atMostTwentyFiveActiveKeysButRevokedAndExpiredOnesDoNotCount() {
        List<Object> history = new ArrayList<>();
        history.add(registered());
        for (int i = 0; i < ApiKeys.MAX_ACTIVE_KEYS; i++) {
            history.add(issued("k" + i, null));
        }
        fixture.given(history)
               .when(new IssueApiKey("u1", "one-too-many", "x", "p", "h", null))
               .expectException(RejectedCommandException.class);

        history.add(new ApiKeyRevoked("u1", "k0", NOW));
        fixture.given(history)
               .when(new IssueApiKey("u1", "k-new", "x", "p", "h", null))
               .expectSuccessfulHandlerExecution();

        List<Object> expired = new ArrayList<>(history.subList(0, history.size() - 1));
        expired.set(1, new ApiKeyIssued("u1", "k0", "old", "p", "h0", NOW.minusSeconds(1), NOW.minusSeconds(60)));
        fixture.given(expired)
               .when(new IssueApiKey("u1", "k-new", "x", "p", "h", null))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void revokingAKeyAppliesApiKeyRevokedOnce() {
        fixture.given(registered(), issued("k1", null))
               .when(new RevokeApiKey("u1", "k1"))
               .expectEvents(new ApiKeyRevoked("u1", "k1", NOW));
        fixture.given(registered(), issued("k1", null), new ApiKeyRevoked("u1", "k1", NOW))
               .when(new RevokeApiKey("u1", "k1"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void revokingAKeyTheUserDoesNotHaveIsUnknown() {
        fixture.given(registered(), issued("k1", null))
               .when(new RevokeApiKey("u1", "someone-elses"))
               .expectException(UnknownApiKeyException.class)
               .expectNoEvents();
    }


    private static ApiKeyIssued issued(String keyId, Instant expiresAt) {
        return new ApiKeyIssued("u1", keyId, "label " + keyId, "ms_live_" + keyId, "hash-" + keyId, expiresAt,
                NOW.minusSeconds(60));
    }
}
