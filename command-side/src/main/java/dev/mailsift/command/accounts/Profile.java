package dev.mailsift.command.accounts;

import dev.mailsift.api.user.AvatarChanged;
import dev.mailsift.api.user.AvatarRemoved;
import dev.mailsift.api.user.ChangeAvatar;
import dev.mailsift.api.user.ProfileUpdated;
import dev.mailsift.api.user.RemoveAvatar;
import dev.mailsift.api.user.UpdateProfile;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The user's names and avatar, as a member of the {@link User} aggregate. */
public class Profile {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_AVATAR_SIDE = 512;

    private String userId;
    private String firstName = "";
    private String lastName = "";
    /** Where the current avatar is in the blob store; null without one. */
    private String avatarKey;

    Profile() {
    }

    Profile(String userId) {
        this.userId = userId;
    }

    /** Answers whether anything changed: setting the same names again applies nothing. */
    @CommandHandler
    public boolean handle(UpdateProfile command, Clock clock) {
        String first = name(command.firstName(), "first_name");
        String last = name(command.lastName(), "last_name");
        if (Objects.equals(first, firstName) && Objects.equals(last, lastName)) {
            return false;
        }
        apply(new ProfileUpdated(userId, first, last, clock.instant()));
        return true;
    }

    /** Answers the blob key of the avatar replaced (null when there was none), for the edge to delete it. */
    @CommandHandler
    public String handle(ChangeAvatar command, Clock clock) {
        if (command.blobKey() == null || !command.blobKey().startsWith("avatars/" + userId + "/")) {
            throw new RejectedCommandException("the avatar must be stored under avatars/" + userId + "/");
        }
        if (!"image/png".equals(command.contentType())) {
            throw new RejectedCommandException("avatars are stored as image/png");
        }
        if (command.width() < 1 || command.height() < 1 || command.width() > MAX_AVATAR_SIDE
                || command.height() > MAX_AVATAR_SIDE || command.sizeBytes() < 1) {
            throw new RejectedCommandException("the avatar must be between 1 and " + MAX_AVATAR_SIDE + " pixels a side");
        }
        String replaced = avatarKey;
        apply(new AvatarChanged(userId, command.blobKey(), command.contentType(), command.width(), command.height(),
                command.sizeBytes(), clock.instant()));
        return replaced;
    }

    /** Answers the blob key of the avatar removed; without an avatar nothing happens and it answers null. */
    @CommandHandler
    public String handle(RemoveAvatar command, Clock clock) {
        if (avatarKey == null) {
            return null;
        }
        String removed = avatarKey;
        apply(new AvatarRemoved(userId, removed, clock.instant()));
        return removed;
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        this.firstName = event.firstName();
        this.lastName = event.lastName();
    }

    @EventSourcingHandler
    void on(AvatarChanged event) {
        this.avatarKey = event.blobKey();
    }

    @EventSourcingHandler
    void on(AvatarRemoved event) {
        this.avatarKey = null;
    }

    private static String name(String value, String field) {
        String name = value == null ? "" : value.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new RejectedCommandException(field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new RejectedCommandException(field + " must not contain control characters");
        }
        return name;
    }
}
