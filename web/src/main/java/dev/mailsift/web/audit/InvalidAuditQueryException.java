package dev.mailsift.web.audit;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A cursor, filter or instant the audit endpoints cannot read: 400, naming each parameter. */
class InvalidAuditQueryException extends ProblemException {

    InvalidAuditQueryException(List<String> problems) {
        super(ProblemType.VALIDATION, HttpStatus.BAD_REQUEST, String.join("; ", problems) + ".");
    }

    InvalidAuditQueryException(String problem) {
        this(List.of(problem));
    }
}
