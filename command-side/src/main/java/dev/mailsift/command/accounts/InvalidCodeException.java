package dev.mailsift.command.accounts;

/** A mailed code that is wrong, expired or already used; the caller is not told which. */
public class InvalidCodeException extends RuntimeException {

    public InvalidCodeException() {
        super("The code is wrong or has expired.");
    }
}
