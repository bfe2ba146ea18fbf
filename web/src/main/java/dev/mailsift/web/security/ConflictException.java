package dev.mailsift.web.security;

/** The request contradicts the current state (e.g. an operator suspending their own account); answers 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
