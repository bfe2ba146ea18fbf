package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatus;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;

/** The request contradicts the current state (e.g. an operator suspending their own account); answers 409. */
public class ConflictException extends ProblemException {

    public ConflictException(String message) {
        super(ProblemType.CONFLICT, HttpStatus.CONFLICT, message);
    }
}
