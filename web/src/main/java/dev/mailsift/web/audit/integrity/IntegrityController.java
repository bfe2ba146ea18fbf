package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' check that the history is intact, and the latest signed checkpoint to keep outside the database
 * (for {@code ./mailsift audit verify --checkpoint FILE}).
 */
@RestController
@RequestMapping("/api/v1/audit")
class IntegrityController {

    private final ChainVerification verification;

    IntegrityController(ChainVerification verification) {
        this.verification = verification;
    }

    @Operation(summary = "Verify the history",
            description = "Auditors and operators. Recomputes the whole sealed history and compares it with its"
                    + " seals and signed checkpoints; `first_failure` says where and how it was changed, if"
                    + " it was.")
    @GetMapping("/integrity")
    IntegrityReport integrity() {
        return verification.verify();
    }

    @Operation(summary = "Read the latest checkpoint",
            description = "Auditors and operators. The latest signed checkpoint (Ed25519) of the history: keep "
                    + "it outside the database to verify against later.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No checkpoint was made yet.")
    @GetMapping("/checkpoints/latest")
    Checkpoint latestCheckpoint() {
        return verification.lastCheckpoint()
                           .orElseThrow(() -> new ResourceNotFoundException("No checkpoint has been signed yet."));
    }
}
