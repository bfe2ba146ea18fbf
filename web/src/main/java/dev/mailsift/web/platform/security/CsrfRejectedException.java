package dev.mailsift.web.platform.security;

import org.springframework.http.HttpStatus;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;

/** A cookie-authenticated request without the anti-CSRF header; answers 403 {@code csrf}. */
public class CsrfRejectedException extends ProblemException {

    public CsrfRejectedException(String message) {
        super(ProblemType.CSRF, HttpStatus.FORBIDDEN, message);
    }
}
