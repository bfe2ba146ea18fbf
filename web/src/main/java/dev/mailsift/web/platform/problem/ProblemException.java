package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure that knows how the API answers it: its problem type, status, detail (written for the caller) and any
 * headers. Capabilities throw subclasses of their own; {@link ApiExceptionHandler} answers them all alike and so
 * imports none of them.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final HttpStatus status;
    private final HttpHeaders headers = new HttpHeaders();

    protected ProblemException(ProblemType type, HttpStatus status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    /** Adds a header to the answer, e.g. {@code Retry-After} or {@code WWW-Authenticate}. */
    protected final void answerWithHeader(String name, String value) {
        headers.add(name, value);
    }

    public HttpStatus status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    ProblemDetail toProblem() {
        return type.toProblem(status, getMessage());
    }
}
