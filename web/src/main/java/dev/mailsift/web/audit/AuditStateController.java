package dev.mailsift.web.audit;

import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
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

    /** The API documentation's words for what {@link #instant} refuses. */
    static final String INVALID_AS_OF = "`as_of` is not an ISO-8601 instant; `errors` names it.";

    private final AsOfStates states;
    private final Clock clock;

    AuditStateController(AsOfStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    @Operation(summary = "Read an account as it was",
            description = "Auditors and operators. An account's balance, standing, role and subscription at an "
                    + "instant, folded from its events.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "The account did not exist at that instant.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = INVALID_AS_OF)
    @GetMapping("/api/v1/audit/users/{userId}/state")
    AsOfStates.AccountState user(@PathVariable String userId,
                                 @RequestParam(name = "as_of", required = false) String asOf) {
        return states.account(userId, instant(asOf, clock))
                     .orElseThrow(() -> new ResourceNotFoundException("No such account at that instant."));
    }

    @Operation(summary = "Read a job as it was",
            description = "Auditors and operators. A job's status, reservation and progress at an instant, "
                    + "folded from its events.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "The job was not uploaded yet at that instant.")
    @ProblemResponse(status = 400, type = ProblemType.VALIDATION,
            when = INVALID_AS_OF)
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
