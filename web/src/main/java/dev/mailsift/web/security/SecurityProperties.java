package dev.mailsift.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param jwtSecret      base64 HMAC key (at least 256 bits) shared by every node; when blank a random key is
 *                       made at start-up, so tokens do not outlive a restart
 * @param accessTokenTtl lifetime of an access token
 * @param issuer         the {@code iss} claim minted and required
 */
@ConfigurationProperties("mailsift.security")
public record SecurityProperties(String jwtSecret, Duration accessTokenTtl, String issuer) {

    public SecurityProperties {
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        issuer = issuer == null || issuer.isBlank() ? "mailsift" : issuer;
    }
}
