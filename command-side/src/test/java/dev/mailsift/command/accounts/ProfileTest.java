package dev.mailsift.command.accounts;

import dev.mailsift.api.user.AvatarChanged;
import dev.mailsift.api.user.AvatarRemoved;
import dev.mailsift.api.user.ChangeAvatar;
import dev.mailsift.api.user.RemoveAvatar;
import dev.mailsift.api.user.ProfileUpdated;
import dev.mailsift.api.user.UpdateProfile;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static dev.mailsift.command.accounts.UserFixture.*;

class ProfileTest {

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = userFixture();
    }

    @Test
    void namesAreTrimmedAndRecorded() {
        fixture.given(registered())
               .when(new UpdateProfile("u1", "  Ada ", "Lovelace"))
               .expectEvents(new ProfileUpdated("u1", "Ada", "Lovelace", NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void theSameNamesAgainChangeNothingAndNullClears() {
        fixture.given(registered(), new ProfileUpdated("u1", "Ada", "Lovelace", NOW))
               .when(new UpdateProfile("u1", "Ada", "Lovelace"))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered(), new ProfileUpdated("u1", "Ada", "Lovelace", NOW))
               .when(new UpdateProfile("u1", "Ada", null))
               .expectEvents(new ProfileUpdated("u1", "Ada", "", NOW));
    }

    @Test
    void overlongNamesAndControlCharactersAreRejected() {
        fixture.given(registered())
               .when(new UpdateProfile("u1", "x".repeat(101), ""))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
        fixture.given(registered())
               .when(new UpdateProfile("u1", "Ada\u0000", ""))
               .expectException(RejectedCommandException.class);
    }

    @Test
    void anAvatarMustBeAReEncodedPngUnderTheUsersOwnKey() {
        fixture.given(registered())
               .when(new ChangeAvatar("u1", "avatars/u1/a.png", "image/png", 128, 96, 2048))
               .expectEvents(new AvatarChanged("u1", "avatars/u1/a.png", "image/png", 128, 96, 2048, NOW));
        fixture.given(registered())
               .when(new ChangeAvatar("u1", "avatars/u2/a.png", "image/png", 128, 96, 2048))
               .expectException(RejectedCommandException.class);
        fixture.given(registered())
               .when(new ChangeAvatar("u1", "avatars/u1/a.svg", "image/svg+xml", 128, 96, 2048))
               .expectException(RejectedCommandException.class);
        fixture.given(registered())
               .when(new ChangeAvatar("u1", "avatars/u1/a.png", "image/png", 4000, 96, 2048))
               .expectException(RejectedCommandException.class)
               .expectNoEvents();
    }

    @Test
    void aNewAvatarAnswersTheOneItReplacesAndARemovedOneIsRecordedOnce() {
        AvatarChanged first = new AvatarChanged("u1", "avatars/u1/a.png", "image/png", 128, 96, 2048, NOW);
        fixture.given(registered())
               .when(new ChangeAvatar("u1", "avatars/u1/a.png", "image/png", 128, 96, 2048))
               .expectResultMessagePayload(null);
        fixture.given(registered(), first)
               .when(new ChangeAvatar("u1", "avatars/u1/b.png", "image/png", 64, 64, 1024))
               .expectResultMessagePayload("avatars/u1/a.png");
        fixture.given(registered(), first)
               .when(new RemoveAvatar("u1"))
               .expectEvents(new AvatarRemoved("u1", "avatars/u1/a.png", NOW))
               .expectResultMessagePayload("avatars/u1/a.png");
        fixture.given(registered(), first, new AvatarRemoved("u1", "avatars/u1/a.png", NOW))
               .when(new RemoveAvatar("u1"))
               .expectNoEvents()
               .expectResultMessagePayload(null);
        fixture.given(registered())
               .when(new RemoveAvatar("u1"))
               .expectNoEvents();
    }
}
