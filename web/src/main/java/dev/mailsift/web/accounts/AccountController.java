package dev.mailsift.web.accounts;

import dev.mailsift.api.user.AccountView;
import dev.mailsift.api.user.FindAccount;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UpdateProfile;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/** The caller's own account: never anyone else's. */
@RestController
@RequestMapping("/api/v1/account")
class AccountController {

    /** How long to wait for a just-registered account to reach the read model before answering 404. */
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);
    private static final long REREAD_MILLIS = 200;

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final TwoFactorSignIn twoFactor;

    AccountController(QueryGateway queries, CommandGateway commands, TwoFactorSignIn twoFactor) {
        this.queries = queries;
        this.commands = commands;
        this.twoFactor = twoFactor;
    }

    @Operation(summary = "Read the account",
            description = "The caller's account: address, role, credit balance (available and reserved), "
                    + "whether the address is confirmed, name, whether two-factor sign-in is on, and whether there is an "
                    + "avatar (`has_avatar`).")
    @GetMapping
    AccountResponse account(@AuthenticationPrincipal AuthenticatedUser caller) {
        return AccountResponse.of(currentView(caller.userId()), status(caller.userId()),
                twoFactor.isOn(caller.userId()));
    }

    /** Names only, for now; a field left out stays as it is, an empty one is cleared. */
    @Operation(summary = "Change the profile",
            description = "Changes the first and last name (at most 100 characters each). A field left out "
                    + "stays as it is; an empty one clears it. Answers the account as `GET /api/v1/account`"
                    + " does.")
    @PatchMapping
    AccountResponse update(@Valid @RequestBody ProfileRequest request,
                           @AuthenticationPrincipal AuthenticatedUser caller) {
        UserStatus current = status(caller.userId());
        commands.sendAndWait(new UpdateProfile(caller.userId(),
                request.firstName() == null ? current.firstName() : request.firstName(),
                request.lastName() == null ? current.lastName() : request.lastName()));
        return account(caller);
    }

    private UserStatus status(String userId) {
        return queries.query(new FindUserStatus(userId), ResponseTypes.optionalInstanceOf(UserStatus.class)).join()
                      .orElseThrow(() -> new ResourceNotFoundException("No account for this token."));
    }

    /**
     * The read model is updated asynchronously; right after sign-up it may lag by milliseconds. A subscription
     * query answers with the current view, or waits for the projection's first update; the update is emitted only
     * in the JVM that projects the account, so on another node the view is also read again every
     * {@value #REREAD_MILLIS} ms.
     */
    private AccountView currentView(String userId) {
        FindAccount query = new FindAccount(userId);
        try (var result = queries.subscriptionQuery(query,
                ResponseTypes.instanceOf(AccountView.class), ResponseTypes.instanceOf(AccountView.class))) {
            Flux<AccountView> reread = Flux.interval(Duration.ofMillis(REREAD_MILLIS))
                                           .concatMap(tick -> Mono.fromFuture(
                                                   queries.query(query, ResponseTypes.instanceOf(AccountView.class))));
            AccountView view = result.initialResult()
                                     .switchIfEmpty(Flux.merge(result.updates(), reread).next())
                                     .block(READ_YOUR_WRITES);
            if (view == null) {
                throw new ResourceNotFoundException("No account for this token.");
            }
            return view;
        } catch (IllegalStateException timeout) {
            throw new ResourceNotFoundException("No account for this token.");
        }
    }

    record AccountResponse(String id, String email, UserRole role, long creditsAvailable, long creditsReserved,
                           Instant registeredAt, boolean emailConfirmed, String firstName, String lastName,
                           boolean twoFactorEnabled, boolean hasAvatar) {
        static AccountResponse of(AccountView view, UserStatus status, boolean twoFactorEnabled) {
            return new AccountResponse(view.id(), view.email(), view.role(), view.creditsAvailable(),
                    view.creditsReserved(), view.registeredAt(), status.emailConfirmed(), status.firstName(),
                    status.lastName(), twoFactorEnabled, status.avatarKey() != null);
        }
    }

    record ProfileRequest(@Size(max = 100) String firstName, @Size(max = 100) String lastName) {
    }
}
