package dev.mailsift.web.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code mailsift.security}.
 *
 * @param jwtSecret           base64 master secret (at least 256 bits) shared by every node; when blank one is
 *                            generated once and stored ({@link ServiceSecrets})
 * @param previousJwtSecrets  secrets replaced by {@code jwtSecret} that still open what they sealed (TOTP secrets)
 *                            and match the recovery codes they hashed; they never sign or verify a token
 * @param accessTokenTtl      lifetime of an access token
 * @param issuer              the {@code iss} claim minted and required
 * @param refreshTokenTtl     lifetime of a refresh token (the dashboard session cookie)
 * @param confirmationCodeTtl how long a mailed email-confirmation code works
 * @param resetCodeTtl        how long a mailed password-reset code works
 * @param corsOrigins         browser origins allowed to call the API cross-origin (none by default)
 * @param rateLimits          request budgets
 */
@ConfigurationProperties("mailsift.security")
public record SecurityProperties(String jwtSecret,
                                 List<String> previousJwtSecrets,
                                 Duration accessTokenTtl,
                                 String issuer,
                                 Duration refreshTokenTtl,
                                 Duration confirmationCodeTtl,
                                 Duration resetCodeTtl,
                                 List<String> corsOrigins,
                                 RateLimits rateLimits) {

    public SecurityProperties {
        previousJwtSecrets = previousJwtSecrets == null ? List.of()
                : previousJwtSecrets.stream().map(String::strip).filter(secret -> !secret.isEmpty()).toList();
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        issuer = issuer == null || issuer.isBlank() ? "mailsift" : issuer;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(7) : refreshTokenTtl;
        confirmationCodeTtl = confirmationCodeTtl == null ? Duration.ofHours(24) : confirmationCodeTtl;
        resetCodeTtl = resetCodeTtl == null ? Duration.ofMinutes(30) : resetCodeTtl;
        corsOrigins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        rateLimits = rateLimits == null ? new RateLimits(true, null, null, null, null) : rateLimits;
    }

    /**
     * @param enabled          switch every limit off (e.g. behind a gateway that already limits)
     * @param authPerAddress   requests to the anonymous auth endpoints (sign-up, sign-in, codes) per client address
     * @param signInPerAccount sign-in attempts against one account from one client address (and, apart, code
     *                         attempts: resets, confirmations); a device the account knows is not limited
     * @param signInPerAccountCeiling the same from every address together: distributed guessing
     * @param apiPerPrincipal  authenticated API requests per user or API key
     */
    public record RateLimits(boolean enabled, Limit authPerAddress, Limit signInPerAccount,
                             Limit signInPerAccountCeiling, Limit apiPerPrincipal) {
        public RateLimits {
            authPerAddress = authPerAddress == null ? new Limit(30, Duration.ofMinutes(1)) : authPerAddress;
            signInPerAccount = signInPerAccount == null ? new Limit(10, Duration.ofMinutes(15)) : signInPerAccount;
            signInPerAccountCeiling = signInPerAccountCeiling == null ? new Limit(100, Duration.ofMinutes(15))
                    : signInPerAccountCeiling;
            apiPerPrincipal = apiPerPrincipal == null ? new Limit(600, Duration.ofMinutes(1)) : apiPerPrincipal;
        }
    }

    /** {@code capacity} requests per {@code period}, refilled gradually. */
    public record Limit(long capacity, Duration period) {
        public Limit {
            if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a capacity >= 1 and a positive period");
            }
        }
    }
}
