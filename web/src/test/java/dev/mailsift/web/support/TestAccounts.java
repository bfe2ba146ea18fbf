package dev.mailsift.web.support;

import java.util.UUID;

/** The operator every test context bootstraps, and fresh addresses to sign up with. */
public final class TestAccounts {

    public static final String ADMIN_EMAIL = "operator@mailsift.test";
    public static final String ADMIN_PASSWORD = "operator-password-1";

    private TestAccounts() {
    }

    /** Unique per call; mixed case on purpose, since the service lower-cases addresses. */
    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@Example.com";
    }
}
