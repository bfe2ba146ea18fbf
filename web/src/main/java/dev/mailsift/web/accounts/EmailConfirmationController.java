package dev.mailsift.web.accounts;

import dev.mailsift.api.user.ConfirmEmail;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.web.accounts.AccessCodes;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.OneTimeCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Confirming the sign-up address with the mailed code. Both endpoints are anonymous and say nothing about whether
 * an address has an account: an unknown address and a wrong code answer alike.
 */
@RestController
@RequestMapping("/api/v1/auth/confirm-email")
class EmailConfirmationController {

    private final AccountsByAddress accounts;
    private final AccessCodes codes;

    EmailConfirmationController(AccountsByAddress accounts, AccessCodes codes) {
        this.accounts = accounts;
        this.codes = codes;
    }

    @Operation(summary = "Confirm the address",
            description = "Confirms the sign-up address with the 6-digit code mailed to it; from then on the "
                    + "account may spend credits. An unknown address and a wrong code answer alike, so the "
                    + "answer tells nobody whether an address has an account.")
    @PublicOperation
    @ProblemResponse(status = 400, type = ProblemType.INVALID_CODE,
            when = AccountsByAddress.INVALID_CODE)
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = AccountsByAddress.TOO_MANY_GUESSES)
    @PostMapping
    Confirmation confirm(@Valid @RequestBody ConfirmRequest request) {
        Credentials account = accounts.redeemCode(request.email(), OneTimeCodes.CONFIRM_EMAIL, request.code(),
                ConfirmEmail::new);
        return new Confirmation(account.email(), true);
    }

    /** Always 202: a new code is mailed when the address has an unconfirmed account and the resend limit allows. */
    @Operation(summary = "Mail a new confirmation code",
            description = "Always answers `202`. A new code is mailed when the address has an unconfirmed "
                    + "account and the resend limit (1 a minute, 5 a day) allows; the answer says neither.")
    @PublicOperation
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = AccountsByAddress.TOO_MANY_CODES)
    @PostMapping("/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@Valid @RequestBody ResendRequest request) {
        accounts.mailCode(request.email(), (userId, email) -> codes.sendConfirmation(userId, email, "anonymous"));
    }

    @Schema(name = "EmailConfirmRequest") // not two-factor's ConfirmRequest
    record ConfirmRequest(@NotBlank @PlainEmail @Size(max = 254) String email, @NotBlank @Size(max = 32) String code) {
    }

    record ResendRequest(@NotBlank @PlainEmail @Size(max = 254) String email) {
    }

    record Confirmation(String email, boolean emailConfirmed) {
    }
}
