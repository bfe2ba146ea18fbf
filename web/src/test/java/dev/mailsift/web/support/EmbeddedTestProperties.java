package dev.mailsift.web.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;

/** Properties of a test context on the embedded default, with its data in {@code dataDir}. */
public final class EmbeddedTestProperties {

    /** The configured service secret, so a test can check the tokens the service signs. */
    public static final String JWT_SECRET = "bWFpbHNpZnQtdGVzdC1zZWNyZXQtbWFpbHNpZnQtdGVzdC1zZWNyZXQtMzJieXRlcw==";

    private EmbeddedTestProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("mailsift.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("mailsift.admin.email", () -> TestAccounts.ADMIN_EMAIL);
        registry.add("mailsift.admin.password", () -> TestAccounts.ADMIN_PASSWORD);
        registry.add("mailsift.security.jwt-secret", () -> JWT_SECRET);
        // several application contexts stay cached side by side during a run: keep each one's pool small
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        // Balances in tests are exactly what they grant; the trial credits are proven by EmbeddedBillingTest.
        registry.add("mailsift.billing.sign-up-credits", () -> "0");
        // Tests that leave a payment unreported on purpose must not see a sweep report it; the sweep is proven by
        // EmbeddedStripeReconciliationTest, which switches it on.
        registry.add("mailsift.billing.reconciliation.enabled", () -> "false");
        // Many tests sign in from 127.0.0.1; the limits themselves are proven by RateLimitContract.
        registry.add("mailsift.security.rate-limits.auth-per-address.capacity", () -> "100000");
        registry.add("mailsift.security.rate-limits.sign-in-per-account.capacity", () -> "100000");
        registry.add("mailsift.security.rate-limits.api-per-principal.capacity", () -> "100000");
    }
}
