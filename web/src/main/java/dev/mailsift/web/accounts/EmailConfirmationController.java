package dev.mailsift.web.accounts;

import dev.mailsift.api.user.ConfirmEmail;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.command.accounts.CodeLimitReachedException;
import dev.mailsift.command.accounts.InvalidCodeException;
import dev.mailsift.web.audit.AuditMetadata;
import dev.mailsift.web.accounts.AccessCodes;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.OneTimeCodes;
import dev.mailsift.web.platform.security.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;

/**
 * Confirming the sign-up address with the mailed code. Both endpoints are anonymous and say nothing about whether
 * an address has an account: an unknown address and a wrong code answer alike.
 */
@RestController
@RequestMapping("/api/v1/auth/confirm-email")
class EmailConfirmationController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final AccessCodes codes;
    private final RateLimits rateLimits;

    EmailConfirmationController(CommandGateway commands, QueryGateway queries, AccessCodes codes,
                                RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.commands = commands;
        this.queries = queries;
        this.codes = codes;
    }

    @Operation(summary = "Confirm the address",
            description = "Confirms the sign-up address with the 6-digit code mailed to it; from then on the "
                    + "account may spend credits. An unknown address and a wrong code answer alike, so the "
                    + "answer tells nobody whether an address has an account.")
    @PublicOperation
    @ProblemResponse(status = 400, type = ProblemType.INVALID_CODE,
            when = "The code is wrong, expired, replaced or used, or the address has no account.")
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Too many guesses at this account's codes (10 per 15 minutes); retry after "
                    + "`Retry-After` seconds.")
    @PostMapping
    Confirmation confirm(@Valid @RequestBody ConfirmRequest request) {
        rateLimits.codeAttempt(EmailAddresses.normalised(request.email()));
        Credentials account = account(request.email()).orElseThrow(InvalidCodeException::new);
        var command = new ConfirmEmail(account.userId(),
                codes.hash(OneTimeCodes.CONFIRM_EMAIL, account.userId(), request.code()));
        // Whoever holds the mailed code acts for the mailbox's owner.
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                  .andMetaData(Map.of(AuditMetadata.ACTOR, "user:" + account.userId())));
        return new Confirmation(account.email(), true);
    }

    /** Always 202: a new code is mailed when the address has an unconfirmed account and the resend limit allows. */
    @Operation(summary = "Mail a new confirmation code",
            description = "Always answers `202`. A new code is mailed when the address has an unconfirmed "
                    + "account and the resend limit (1 a minute, 5 a day) allows; the answer says neither.")
    @PublicOperation
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Too many codes requested for this address (10 per 15 minutes); retry after "
                    + "`Retry-After` seconds.")
    @PostMapping("/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@Valid @RequestBody ResendRequest request) {
        rateLimits.codeRequest(EmailAddresses.normalised(request.email()));
        account(request.email()).ifPresent(account -> {
            try {
                codes.sendConfirmation(account.userId(), account.email(), "anonymous");
            } catch (CodeLimitReachedException quietly) {
                // Saying so would tell the caller the address has an account.
            }
        });
    }

    private Optional<Credentials> account(String email) {
        // an address stored before addresses were normalised is looked up as stored
        String lookup = EmailAddresses.normalise(email).orElse(email);
        return queries.query(new FindCredentialsByEmail(lookup), ResponseTypes.optionalInstanceOf(Credentials.class))
                      .join();
    }

    @Schema(name = "EmailConfirmRequest") // not two-factor's ConfirmRequest
    record ConfirmRequest(@NotBlank @PlainEmail @Size(max = 254) String email, @NotBlank @Size(max = 32) String code) {
    }

    record ResendRequest(@NotBlank @PlainEmail @Size(max = 254) String email) {
    }

    record Confirmation(String email, boolean emailConfirmed) {
    }
}
