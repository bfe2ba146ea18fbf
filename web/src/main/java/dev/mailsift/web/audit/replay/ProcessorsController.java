package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.security.AuthenticatedUser;
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

    @GetMapping("/api/v1/audit/processors")
    ProcessorStatus.Overview processors() {
        return processors.overview();
    }

    @PostMapping("/api/v1/admin/processors/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String name, @AuthenticationPrincipal AuthenticatedUser operator) {
        processors.replay(name, "user:" + operator.userId());
        return Map.of("name", name, "replaying", true);
    }
}
