package dev.mailsift.web.problem;

/** A paid request that the caller's balance (or account standing) does not cover; answers 402. */
public class InsufficientCreditsException extends RuntimeException {

    public InsufficientCreditsException(String message) {
        super(message);
    }
}
