package dev.mailsift.web.security;

/** A suspended account tried to sign in or refresh a session. */
public class AccountSuspendedException extends RuntimeException {

    public AccountSuspendedException() {
        super("account suspended");
    }
}
