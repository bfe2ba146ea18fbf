package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserRole;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The User aggregate's test fixture, and the events its tests start from: user {@value #USER_ID}
 * ({@value #EMAIL}), everything happening at {@link #NOW}.
 */
final class UserFixture {

    static final String USER_ID = "u1";
    static final String EMAIL = "ada@example.com";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final AtomicInteger GRANTS = new AtomicInteger();

    private UserFixture() {
    }

    /** A fixture with an in-memory address registry and a clock stopped at {@link #NOW}. */
    static AggregateTestFixture<User> userFixture() {
        return userFixture(new InMemoryEmailRegistry());
    }

    static AggregateTestFixture<User> userFixture(EmailRegistry emails) {
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(emails);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    static UserRegistered registered() {
        return registered(UserRole.USER);
    }

    static UserRegistered registered(UserRole role) {
        return new UserRegistered(USER_ID, EMAIL, "$2a$hash", role, NOW, role == UserRole.ADMIN);
    }

    static EmailConfirmed confirmed() {
        return new EmailConfirmed(USER_ID, EMAIL, NOW);
    }

    /** A grant that leaves {@code availableAfter} available (each with a grant id of its own). */
    static CreditsGranted granted(long availableAfter) {
        return new CreditsGranted(USER_ID, "g" + GRANTS.incrementAndGet(), availableAfter, "test", availableAfter,
                NOW, CreditSource.OPERATOR);
    }

    /** Address uniqueness as the service keeps it in {@code user_email}, in memory. */
    static final class InMemoryEmailRegistry implements EmailRegistry {

        private final Map<String, String> owners = new HashMap<>();

        @Override
        public void claim(String email, String userId) {
            if (owners.putIfAbsent(email, userId) != null) {
                throw new EmailAlreadyRegisteredException(email);
            }
        }

        @Override
        public Optional<String> ownerOf(String email) {
            return Optional.ofNullable(owners.get(email));
        }
    }
}
