package dev.mailsift.command;

/**
 * A command that breaks a domain rule (a missing field, a non-positive amount). Its message is written for the
 * caller and becomes the {@code detail} of a 400 problem.
 */
public class RejectedCommandException extends RuntimeException {

    public RejectedCommandException(String message) {
        super(message);
    }
}
