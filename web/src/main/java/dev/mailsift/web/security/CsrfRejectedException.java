package dev.mailsift.web.security;

/** A cookie-authenticated request without the anti-CSRF header; answers 403 {@code csrf}. */
public class CsrfRejectedException extends RuntimeException {

    public CsrfRejectedException(String message) {
        super(message);
    }
}
