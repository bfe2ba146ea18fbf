package dev.mailsift.web.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Verdict;
import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.InsufficientCreditsException;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.UUID;

/**
 * One address, verified while the caller waits: one credit is reserved, and captured only when the verdict is
 * worth paying for (not {@code unknown}, not invalid syntax); otherwise it is released. The reservation carries a
 * hold ({@code mailsift.verification.hold}): if this request never settles it (the settlement fails, the node
 * stops), the User aggregate releases it when the hold runs out.
 */
@RestController
@RequestMapping("/api/v1/verifications")
class VerificationsController {

    private static final Logger log = LoggerFactory.getLogger(VerificationsController.class);

    private final CommandGateway commands;
    private final EmailVerifier verifier;
    private final Duration hold;

    VerificationsController(CommandGateway commands, EmailVerifier verifier,
                            @Value("${mailsift.verification.hold:PT10M}") Duration hold) {
        this.commands = commands;
        this.verifier = verifier;
        this.hold = hold;
    }

    @Operation(summary = "Verify one address",
            description = "Verifies one address (syntax, domain, mailbox) and answers the verdict with "
                    + "`credits_charged`: 1, or 0 for `unknown` and invalid syntax. One credit is reserved "
                    + "first.")
    @ProblemResponse(status = 402, type = ProblemType.INSUFFICIENT_CREDITS,
            when = "No credit to reserve (or the account may not spend yet: unconfirmed address); "
                    + "nothing was charged.")
    @Idempotent
    @PostMapping
    VerificationResponse verify(@Valid @RequestBody VerificationRequest request,
                                @RequestHeader(name = Idempotent.HEADER, required = false)
                                @Size(max = Idempotent.MAX_KEY_LENGTH) String idempotencyKey,
                                @AuthenticationPrincipal AuthenticatedUser caller) {
        String reservationId = "verification-" + UUID.randomUUID();
        Boolean reserved = commands.sendAndWait(new ReserveCredits(caller.userId(), reservationId, 1, hold));
        if (!Boolean.TRUE.equals(reserved)) {
            throw new InsufficientCreditsException("A verification costs 1 credit; none is available to spend.");
        }
        Verdict verdict;
        try {
            verdict = verifier.verify(request.email().strip());
        } catch (RuntimeException e) {
            settle(caller.userId(), reservationId, 0);
            throw e;
        }
        long capture = verdict.billable() && verdict.syntaxValid() ? 1 : 0;
        boolean settled = settle(caller.userId(), reservationId, capture);
        // unsettled, the hold's expiry gives the credit back: the verdict was free
        return new VerificationResponse(verdict, settled ? capture : 0);
    }

    /**
     * Settles now, trying twice; a settlement that still fails is left to the hold's expiry (a release), so it
     * never turns a verdict the caller is owed into an error.
     */
    private boolean settle(String userId, String reservationId, long capture) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(new SettleReservation(userId, reservationId, capture));
                return true;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    log.warn("Reservation {} of user {} could not be settled; its hold releases it within {}",
                            reservationId, userId, hold, e);
                    return false;
                }
            }
        }
    }

    record VerificationRequest(@NotBlank @Size(max = 320) String email) {
    }

    /** The engine's verdict (already snake_case) plus what it cost. */
    record VerificationResponse(@JsonUnwrapped Verdict verdict, long creditsCharged) {
    }
}
