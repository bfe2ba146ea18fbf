package dev.mailsift.query.accounts.access;

import dev.mailsift.api.user.AvatarChanged;
import dev.mailsift.api.user.AvatarRemoved;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.FindUsers;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.ProfileUpdated;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.UserPage;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.api.user.UserSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Each account's standing (confirmed, suspended, session version) in {@code user_status}. Runs in the subscribing
 * {@value #PROCESSING_GROUP} processor, inside the transaction that appends the event: a suspension or a password
 * reset is in force for the very next request, on every node.
 */
@Component
@ProcessingGroup(UserStatusProjection.PROCESSING_GROUP)
public class UserStatusProjection {

    public static final String PROCESSING_GROUP = "access";
    static final int MAX_PAGE_SIZE = 200;

    private final UserStatusRepository statuses;

    UserStatusProjection(UserStatusRepository statuses) {
        this.statuses = statuses;
    }

    /** Empties the read model before it is rebuilt from the events (an operator's replay). */
    @ResetHandler
    void reset() {
        statuses.deleteAllInBatch();
    }

    @EventHandler
    void on(UserRegistered event) {
        if (!statuses.existsById(event.userId())) {
            statuses.save(new UserStatusEntity(event.userId(), event.email(), event.role(), event.registeredAt(),
                    event.emailConfirmed()));
        }
    }

    @EventHandler
    void on(EmailConfirmed event) {
        statuses.findById(event.userId()).ifPresent(UserStatusEntity::confirmed);
    }

    /** In the appending transaction: a granted or revoked role is in force from the very next request. */
    @EventHandler
    void on(RoleChanged event) {
        statuses.findById(event.userId()).ifPresent(status -> status.role(event.role()));
    }

    @EventHandler
    void on(UserSuspended event) {
        statuses.findById(event.userId()).ifPresent(status -> status.suspended(event.reason()));
    }

    @EventHandler
    void on(UserReinstated event) {
        statuses.findById(event.userId()).ifPresent(UserStatusEntity::reinstated);
    }

    @EventHandler
    void on(PasswordChanged event) {
        statuses.findById(event.userId()).ifPresent(UserStatusEntity::passwordChanged);
    }

    @EventHandler
    void on(ProfileUpdated event) {
        statuses.findById(event.userId()).ifPresent(status -> status.named(event.firstName(), event.lastName()));
    }

    @EventHandler
    void on(AvatarChanged event) {
        statuses.findById(event.userId()).ifPresent(status -> status.avatar(event.blobKey()));
    }

    @EventHandler
    void on(AvatarRemoved event) {
        statuses.findById(event.userId()).ifPresent(status -> status.avatar(null));
    }

    @QueryHandler
    UserStatus handle(FindUserStatus query) {
        return query.userId() == null ? null
                : statuses.findById(query.userId()).map(UserStatusEntity::toStatus).orElse(null);
    }

    @QueryHandler
    UserPage handle(FindUsers query) {
        var page = PageRequest.of(Math.max(0, query.page()), Math.clamp(query.size(), 1, MAX_PAGE_SIZE),
                Sort.by("registeredAt", "userId"));
        String filter = query.emailContains() == null ? "" : query.emailContains().strip().toLowerCase(Locale.ROOT);
        Page<UserStatusEntity> found = filter.isEmpty()
                ? statuses.findAll(page)
                : statuses.findByEmailContaining(filter, page);
        return new UserPage(found.map(UserStatusEntity::toStatus).toList(), found.getTotalElements());
    }
}
