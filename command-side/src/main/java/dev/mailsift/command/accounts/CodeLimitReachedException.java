package dev.mailsift.command.accounts;

import java.time.Duration;

/** Too many codes were mailed to this account recently; {@code retryAfter} says when the next may go. */
public class CodeLimitReachedException extends RuntimeException {

    private final Duration retryAfter;

    public CodeLimitReachedException(Duration retryAfter) {
        super("Too many codes were sent recently.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
