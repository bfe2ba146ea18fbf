package dev.mailsift.web.accounts;

import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.web.audit.AuditMetadata;
import dev.mailsift.web.accounts.AccessCodes;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Sign-up: opens an account, mails the address confirmation code and answers with the account's id. */
@RestController
@RequestMapping("/api/v1/users")
class SignUpController {

    private static final Logger log = LoggerFactory.getLogger(SignUpController.class);

    private final CommandGateway commands;
    private final PasswordEncoder passwords;
    private final AccessCodes accessCodes;

    SignUpController(CommandGateway commands, PasswordEncoder passwords, AccessCodes accessCodes) {
        this.commands = commands;
        this.passwords = passwords;
        this.accessCodes = accessCodes;
    }

    @Operation(summary = "Sign up",
            description = "Opens an account for an address and a password (10 to 72 characters) and mails a "
                    + "6-digit code to confirm the address (`POST /api/v1/auth/confirm-email`). The account"
                    + " can sign in at once but spends no credits until its address is confirmed. Answers "
                    + "`201` with the account's id and its address as stored (normalised: NFC, lower case, "
                    + "IDNA domain).")
    @PublicOperation
    @ProblemResponse(status = 409, type = ProblemType.EMAIL_TAKEN,
            when = "An account with this address already exists.")
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Over the budget of anonymous requests from this client address (30 a minute); retry "
                    + "after `Retry-After` seconds.")
    @PostMapping
    ResponseEntity<SignUpResponse> signUp(@Valid @RequestBody SignUpRequest request) {
        String userId = UUID.randomUUID().toString();
        String email = EmailAddresses.normalised(request.email());
        var command = new RegisterUser(userId, email, passwords.encode(request.password()), UserRole.USER);
        // The request is anonymous; the actor of a sign-up is the account it opens.
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                  .andMetaData(Map.of(AuditMetadata.ACTOR, "user:" + userId)));
        try {
            accessCodes.sendConfirmation(userId, email, "user:" + userId);
        } catch (RuntimeException e) {
            // The account exists; the user can ask for the code again.
            log.warn("Could not issue the confirmation code for {}: {}", userId, e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                             .location(URI.create("/api/v1/account"))
                             .body(new SignUpResponse(userId, email));
    }

    record SignUpRequest(@NotBlank @Email @PlainEmail @Size(max = 254) String email,
                         @NotBlank @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH,
                                 message = PasswordPolicy.LENGTH_MESSAGE) String password) {
    }

    record SignUpResponse(String id, String email) {
    }
}
