package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The event processors as auditors see them, and an operator's replay of a read model (the path under
 * {@code /admin} is what keeps auditors, who change nothing, from starting one).
 */
@RestController
class ProcessorsController {

    private final EventProcessors processors;

    ProcessorsController(EventProcessors processors) {
        this.processors = processors;
    }

    @Operation(summary = "List event processors",
            description = "Auditors and operators. Every event processor with its segments as the token store "
                    + "has them (all nodes) and its lag behind the head of the event stream.")
    @GetMapping("/api/v1/audit/processors")
    ProcessorStatus.Overview processors() {
        return processors.overview();
    }

    @Operation(summary = "Replay a read model",
            description = "Operators only. Empties a read model and rebuilds it from the first event. A streaming "
                    + "processor's (`accounts`, `jobs`) catches up after the answer: follow it on "
                    + "`GET /api/v1/audit/processors`. A subscribing processor's (`credentials`, `access`, "
                    + "`webhook-endpoints`) is rebuilt before the answer, in one transaction: reads see the old rows "
                    + "until then, and writes to it wait.")
    @Tag(name = "admin")
    @Parameter(name = "name", in = ParameterIn.PATH,
            description = "The processor: `accounts`, `jobs`, `credentials`, `access` or `webhook-endpoints`.")
    @ProblemResponse(status = 409, type = ProblemType.CONFLICT,
            when = "The processor acts on what it reads (mail, credits, webhooks, the pipeline), another replay "
                    + "of it is under way, another node kept its segments for 30 s, or writes to a subscribing read "
                    + "model kept going for 30 s.")
    @ProblemResponse(status = 404, type = ProblemType.NOT_FOUND,
            when = "No processor of this name.")
    @PostMapping("/api/v1/admin/processors/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser operator) {
        boolean replaying = processors.replay(name, "user:" + operator.userId());
        return Map.of("name", name, "replaying", replaying);
    }
}
