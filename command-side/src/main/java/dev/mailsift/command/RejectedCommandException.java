package dev.mailsift.command;

/**
 * A command that breaks a domain rule (a missing field, a non-positive amount). Its message is written for the
 * caller and becomes the {@code detail} of a 400 problem.
 */
public class RejectedCommandException extends RuntimeException {

    public RejectedCommandException(String message) {
        super(message);
    }

    /** Refuses a command whose required text field is missing or blank, naming the field. */
    public static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new RejectedCommandException(name + " is required");
        }
    }
}
