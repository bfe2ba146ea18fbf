package dev.mailsift.web.platform.security;

import dev.mailsift.api.user.UserRole;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints and checks the short-lived access tokens (HS256 JWTs, signed with jjwt) under the service's secret
 * ({@link ServiceSecrets}), which every node shares and which outlives a restart.
 */
@Component
public class AccessTokens {

    private static final String ROLE_CLAIM = "role";
    /** The session version the token was minted under; a password change raises it and ends older tokens. */
    private static final String SESSION_VERSION_CLAIM = "sv";

    private final SecretKey key;
    private final Duration ttl;
    private final String issuer;
    private final Clock clock;

    AccessTokens(SecurityProperties properties, ServiceSecrets secrets, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secrets.accessTokenKey());
        this.ttl = properties.accessTokenTtl();
        this.issuer = properties.issuer();
        this.clock = clock;
    }

    /** A token for {@code user}, valid for the configured lifetime. */
    public IssuedToken issue(AuthenticatedUser user) {
        return issue(user, 0);
    }

    /** A token for {@code user} under the account's current session version. */
    public IssuedToken issue(AuthenticatedUser user, long sessionVersion) {
        Instant now = clock.instant();
        String token = Jwts.builder()
                           .id(UUID.randomUUID().toString())
                           .issuer(issuer)
                           .subject(user.userId())
                           .claim(ROLE_CLAIM, user.role().name())
                           .claim(SESSION_VERSION_CLAIM, sessionVersion)
                           .issuedAt(Date.from(now))
                           .expiration(Date.from(now.plus(ttl)))
                           .signWith(key, Jwts.SIG.HS256)
                           .compact();
        return new IssuedToken(token, ttl);
    }

    /** The user a token speaks for, or empty when it is malformed, unsigned, tampered with, foreign or expired. */
    public Optional<AuthenticatedUser> verify(String token) {
        return verifyClaims(token).map(VerifiedToken::user);
    }

    /** The user and session version a token speaks for, or empty when it is not a valid token of ours. */
    public Optional<VerifiedToken> verifyClaims(String token) {
        try {
            Claims claims = Jwts.parser()
                                .verifyWith(key)
                                .requireIssuer(issuer)
                                .clock(() -> Date.from(clock.instant()))
                                .build()
                                .parseSignedClaims(token)
                                .getPayload();
            Number sessionVersion = claims.get(SESSION_VERSION_CLAIM, Number.class);
            return Optional.of(new VerifiedToken(new AuthenticatedUser(claims.getSubject(),
                    UserRole.valueOf(claims.get(ROLE_CLAIM, String.class))),
                    sessionVersion == null ? 0 : sessionVersion.longValue()));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A valid token's user and the session version it was minted under. */
    public record VerifiedToken(AuthenticatedUser user, long sessionVersion) {
    }

    /** A freshly minted token and how long it lives. */
    public record IssuedToken(String value, Duration expiresIn) {
    }
}
