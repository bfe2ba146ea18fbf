package dev.mailsift.web.audit;

import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An account or a job as it was at an instant (now when none is given), for auditors and operators. */
@RestController
class AuditStateController {

    private final AsOfStates states;
    private final Clock clock;

    AuditStateController(AsOfStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @GetMapping("/api/v1/audit/users/{userId}/state")
    AsOfStates.AccountState user(@PathVariable String userId,
                                 @RequestParam(name = "as_of", required = false) String asOf) {
        return states.account(userId, instant(asOf, clock))
                     .orElseThrow(() -> new ResourceNotFoundException("No such account at that instant."));
    }

    @GetMapping("/api/v1/audit/jobs/{jobId}/state")
    AsOfStates.JobState job(@PathVariable String jobId, @RequestParam(name = "as_of", required = false) String asOf) {
        return states.job(jobId, instant(asOf, clock))
                     .orElseThrow(() -> new ResourceNotFoundException("No such job at that instant."));
    }

    /** The {@code as_of} parameter, or now; a value that is not an ISO-8601 instant is a 400 naming it. */
    static Instant instant(String asOf, Clock clock) {
        List<String> problems = new ArrayList<>();
        Instant instant = AuditFilter.instant(asOf, "as_of", problems);
        if (!problems.isEmpty()) {
            throw new InvalidAuditQueryException(problems);
        }
        return instant == null ? clock.instant() : instant;
    }
}
