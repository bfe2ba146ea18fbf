package dev.mailsift.web.admin;

import dev.mailsift.api.user.ChangeRole;
import dev.mailsift.api.user.FindUsers;
import dev.mailsift.api.user.ReinstateUser;
import dev.mailsift.api.user.SuspendUser;
import dev.mailsift.api.user.UserPage;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.problem.ConflictException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Operators list accounts and use the kill switch (ADMIN only, enforced by the security configuration). */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    AdminUsersController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Operation(summary = "List accounts",
            description = "Operators only. Accounts page by page, filtered by a substring of the address.")
    @Parameter(name = "email", in = ParameterIn.QUERY,
            description = "A part of the address to look for (at most 254 characters).")
    @GetMapping
    UserList list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
                  @RequestParam(required = false) @Size(max = 254) String email) {
        UserPage found = queries.query(new FindUsers(page, size, email), UserPage.class).join();
        return new UserList(found.users().stream().map(UserSummary::of).toList(), page, size, found.total());
    }

    /** The user's every request answers 403 from now on, and nothing of theirs may spend credits. */
    @Operation(summary = "Suspend an account",
            description = "Operators only. From now on every request of the account answers `403 "
                    + "account-suspended`, its sessions end and its unfinished jobs are cancelled. An "
                    + "optional `reason` (at most 500 characters) is recorded.")
    @ProblemResponse(status = 409, type = ProblemType.CONFLICT,
            when = "An operator cannot suspend their own account.")
    @PostMapping("/{userId}/suspend")
    Standing suspend(@PathVariable String userId, @Valid @RequestBody(required = false) SuspendRequest request,
                     @AuthenticationPrincipal AuthenticatedUser operator) {
        if (operator.userId().equals(userId)) {
            throw new ConflictException("An operator cannot suspend their own account.");
        }
        commands.sendAndWait(new SuspendUser(userId, request == null ? null : request.reason()));
        return new Standing(userId, true);
    }

    @Operation(summary = "Reinstate an account",
            description = "Operators only. Lifts a suspension: the account can sign in and work again.")
    @PostMapping("/{userId}/reinstate")
    Standing reinstate(@PathVariable String userId) {
        commands.sendAndWait(new ReinstateUser(userId));
        return new Standing(userId, false);
    }

    /**
     * Grants ({@code AUDITOR}) or revokes ({@code USER}) the auditor role: an event on the account, in force from
     * the user's next request (the role is read from {@code user_status} on every request and put in every token
     * minted after it).
     */
    @Operation(summary = "Grant or revoke the auditor role",
            description = "Operators only. `AUDITOR` grants the role, `USER` revokes it; in force from the "
                    + "account's next request. `changed` is false when the account had that role already.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = "The role is `ADMIN`, or the account is an operator's.")
    @PutMapping("/{userId}/role")
    RoleAnswer changeRole(@PathVariable String userId, @Valid @RequestBody RoleRequest request) {
        boolean changed = commands.sendAndWait(new ChangeRole(userId, request.role()));
        return new RoleAnswer(userId, request.role(), changed);
    }

    record RoleRequest(@Schema(description = "`AUDITOR` grants the role, `USER` revokes it; `ADMIN` is refused.")
                       @NotNull UserRole role) {
    }

    record RoleAnswer(String id, UserRole role, boolean changed) {
    }

    record SuspendRequest(@Size(max = 500) String reason) {
    }

    record Standing(String id, boolean suspended) {
    }

    record UserSummary(String id, String email, UserRole role, boolean emailConfirmed, boolean suspended,
                       String suspensionReason, Instant registeredAt) {
        static UserSummary of(UserStatus status) {
            return new UserSummary(status.userId(), status.email(), status.role(), status.emailConfirmed(),
                    status.suspended(), status.suspensionReason(), status.registeredAt());
        }
    }

    record UserList(List<UserSummary> users, int page, int size, long total) {
    }
}
