package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;
import java.util.Map;

/**
 * A query parameter whose value is checked by the capability rather than by a constraint annotation: 400
 * {@code validation}, naming the parameter in {@code errors} exactly as a broken constraint would.
 */
public class InvalidParameterException extends ProblemException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(ProblemType.VALIDATION, HttpStatus.BAD_REQUEST, message);
        this.parameter = parameter;
    }

    @Override
    ProblemDetail toProblem() {
        ProblemDetail problem = super.toProblem();
        problem.setProperty("errors", List.of(Map.of("field", parameter, "message", getMessage())));
        return problem;
    }
}
