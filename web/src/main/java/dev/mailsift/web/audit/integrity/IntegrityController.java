package dev.mailsift.web.audit.integrity;

import dev.mailsift.web.platform.problem.ResourceNotFoundException;
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

    @GetMapping("/integrity")
    IntegrityReport integrity() {
        return verification.verify();
    }

    @GetMapping("/checkpoints/latest")
    Checkpoint latestCheckpoint() {
        return verification.lastCheckpoint()
                           .orElseThrow(() -> new ResourceNotFoundException("No checkpoint has been signed yet."));
    }
}
