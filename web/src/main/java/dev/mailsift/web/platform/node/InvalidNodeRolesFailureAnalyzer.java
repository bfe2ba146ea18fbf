package dev.mailsift.web.platform.node;

import dev.mailsift.web.platform.node.NodeRoles.InvalidNodeRolesException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code MAILSIFT_ROLES} into Spring Boot's "APPLICATION FAILED TO START" report. */
class InvalidNodeRolesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNodeRolesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidNodeRolesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set MAILSIFT_ROLES (mailsift.roles) to a comma-separated subset of api, worker, projections, "
                        + "or leave it unset to run all three.", cause);
    }
}
