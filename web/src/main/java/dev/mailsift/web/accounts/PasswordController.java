package dev.mailsift.web.accounts;

import dev.mailsift.api.user.ChangePassword;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.ResetPassword;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.web.accounts.InvalidCredentialsException;
import dev.mailsift.web.accounts.AccessCodes;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.security.OneTimeCodes;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forgotten passwords (a single-use, expiring code by mail) and password changes. Either ends every session of the
 * account: refresh tokens are revoked and older access tokens refused.
 */
@RestController
class PasswordController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccountsByAddress accounts;
    private final AccessCodes codes;
    private final PasswordEncoder passwords;

    PasswordController(CommandGateway commands, QueryGateway queries, AccountsByAddress accounts, AccessCodes codes,
                       PasswordEncoder passwords) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.codes = codes;
        this.passwords = passwords;
    }

    /** Always 202, whether or not the address has an account (no account enumeration). */
    @Operation(summary = "Request a password reset",
            description = "Always answers `202`, whether or not the address has an account. When it has one, a "
                    + "single-use code valid 30 minutes is mailed to it; confirm it with `POST "
                    + "/api/v1/auth/password-reset/confirm`.")
    @PublicOperation
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = AccountsByAddress.TOO_MANY_CODES)
    @PostMapping("/api/v1/auth/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest request) {
        accounts.mailCode(request.email(), (userId, email) -> codes.sendPasswordReset(userId, email, "anonymous"));
    }

    @Operation(summary = "Reset the password",
            description = "Sets a new password (10 to 72 characters) with the mailed reset code. Every session "
                    + "of the account ends: sign in again.")
    @PublicOperation
    @ProblemResponse(status = 400, type = ProblemType.INVALID_CODE,
            when = AccountsByAddress.INVALID_CODE)
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = AccountsByAddress.TOO_MANY_GUESSES)
    @PostMapping("/api/v1/auth/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation request) {
        accounts.redeemCode(request.email(), OneTimeCodes.RESET_PASSWORD, request.code(),
                (userId, codeHash) -> new ResetPassword(userId, codeHash, passwords.encode(request.newPassword())));
    }

    /** The current password is asked again: a stolen access token alone cannot take over the account. */
    @Operation(summary = "Change the password",
            description = "Changes the password, given the current one again (a stolen access token alone "
                    + "cannot take over the account). Every session of the account ends: sign in again.")
    @ProblemResponse(status = 401, type = ProblemType.INVALID_CREDENTIALS,
            when = "The current password is wrong.")
    @PostMapping("/api/v1/account/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@Valid @RequestBody ChangeRequest request, @AuthenticationPrincipal AuthenticatedUser caller) {
        UserStatus status = queries.query(new FindUserStatus(caller.userId()), UserStatus.class).join();
        Credentials credentials = accounts.account(status.email()).orElseThrow(InvalidCredentialsException::new);
        if (!passwords.matches(request.currentPassword(), credentials.passwordHash())) {
            throw new InvalidCredentialsException();
        }
        commands.sendAndWait(new ChangePassword(caller.userId(), passwords.encode(request.newPassword())));
    }

    record ResetRequest(@NotBlank @PlainEmail @Size(max = 254) String email) {
    }

    record ResetConfirmation(@NotBlank @PlainEmail @Size(max = 254) String email,
                             @NotBlank @Size(max = 32) String code,
                             @NotBlank @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH,
                                     message = PasswordPolicy.LENGTH_MESSAGE) String newPassword) {
    }

    record ChangeRequest(@NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
                         @NotBlank @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH,
                                 message = PasswordPolicy.LENGTH_MESSAGE) String newPassword) {
    }
}
