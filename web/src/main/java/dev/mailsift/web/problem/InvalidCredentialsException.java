package dev.mailsift.web.problem;

/** Sign-in with an unknown address or a wrong password; the answer does not say which. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException() {
        super("invalid credentials");
    }
}
