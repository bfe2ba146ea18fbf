package dev.mailsift.web.admin;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.web.platform.idempotency.IdempotencyKeys;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/** Operators grant credits by hand (support, trials). */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}/credits")
class AdminCreditsController {

    private final CommandGateway commands;

    AdminCreditsController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * With an {@code Idempotency-Key}, a retried request grants once: the key names the grant and the User
     * aggregate ignores a grant id it has already applied.
     */
    @Operation(summary = "Grant credits",
            description = "Operators only. Grants an account 1 to 100,000,000 credits with a reason (at most "
                    + "500 characters) and answers its new balance. With an `Idempotency-Key`, a repeated "
                    + "request grants once and answers the same balance.")
    @Idempotent
    @PostMapping
    GrantResponse grant(@PathVariable String userId,
                        @Valid @RequestBody GrantRequest request,
                        @RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 255) String key,
                        @AuthenticationPrincipal AuthenticatedUser operator) {
        String grantId = IdempotencyKeys.idFor(key, operator.userId(), userId);
        Long available = commands.sendAndWait(new GrantCredits(userId, grantId, request.amount(), request.reason(),
                CreditSource.OPERATOR));
        return new GrantResponse(userId, grantId, request.amount(), available);
    }

    record GrantRequest(@Min(1) @Max(100_000_000) long amount, @NotBlank @Size(max = 500) String reason) {
    }

    record GrantResponse(String userId, String grantId, long amount, long creditsAvailable) {
    }
}
