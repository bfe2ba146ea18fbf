package dev.mailsift.web.security;

/** Sign-in of an account with two-factor on, without (or with a wrong) TOTP or recovery code. */
public class TotpRequiredException extends RuntimeException {

    public TotpRequiredException(String message) {
        super(message);
    }
}
