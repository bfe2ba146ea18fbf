package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatus;

/** A paid request that the caller's balance (or account standing) does not cover; answers 402. */
public class InsufficientCreditsException extends ProblemException {

    public InsufficientCreditsException(String message) {
        super(ProblemType.INSUFFICIENT_CREDITS, HttpStatus.PAYMENT_REQUIRED, message);
    }
}
