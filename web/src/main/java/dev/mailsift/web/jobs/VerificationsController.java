package dev.mailsift.web.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Verdict;
import dev.mailsift.web.problem.InsufficientCreditsException;
import dev.mailsift.web.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * One address, verified while the caller waits: one credit is reserved, and captured only when the verdict is
 * worth paying for (not {@code unknown}, not invalid syntax); otherwise it is released.
 */
@RestController
@RequestMapping("/api/v1/verifications")
class VerificationsController {

    private final CommandGateway commands;
    private final EmailVerifier verifier;

    VerificationsController(CommandGateway commands, EmailVerifier verifier) {
        this.commands = commands;
        this.verifier = verifier;
    }

    @PostMapping
    VerificationResponse verify(@Valid @RequestBody VerificationRequest request,
                                @AuthenticationPrincipal AuthenticatedUser caller) {
        String reservationId = "verification-" + UUID.randomUUID();
        Boolean reserved = commands.sendAndWait(new ReserveCredits(caller.userId(), reservationId, 1));
        if (!Boolean.TRUE.equals(reserved)) {
            throw new InsufficientCreditsException("A verification costs 1 credit; none is available to spend.");
        }
        long charged = 0;
        try {
            Verdict verdict = verifier.verify(request.email().strip());
            charged = verdict.billable() && verdict.syntaxValid() ? 1 : 0;
            return new VerificationResponse(verdict, charged);
        } finally {
            commands.sendAndWait(new SettleReservation(caller.userId(), reservationId, charged));
        }
    }

    record VerificationRequest(@NotBlank @Size(max = 320) String email) {
    }

    /** The engine's verdict (already snake_case) plus what it cost. */
    record VerificationResponse(@JsonUnwrapped Verdict verdict, long creditsCharged) {
    }
}
