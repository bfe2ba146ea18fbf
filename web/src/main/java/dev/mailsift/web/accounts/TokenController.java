package dev.mailsift.web.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.web.accounts.InvalidCredentialsException;
import dev.mailsift.web.platform.openapi.ProblemResponse;
import dev.mailsift.web.platform.openapi.PublicOperation;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AccessTokens;
import dev.mailsift.web.accounts.AccountSuspendedException;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.accounts.NewDeviceAlerts;
import dev.mailsift.web.platform.security.RateLimits;
import dev.mailsift.web.platform.security.RefreshTokens;
import dev.mailsift.web.platform.security.SessionCookies;
import dev.mailsift.web.accounts.TwoFactorSignIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * Sessions: an email and password buy a short-lived access token plus a refresh token in an httpOnly cookie;
 * refreshing rotates the cookie; logging out ends the session.
 */
@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

    /** Compared against when the address is unknown, so both failures take the same time. */
    private final String decoyHash;

    private final QueryGateway queries;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;
    private final RefreshTokens refreshTokens;
    private final SessionCookies cookies;
    private final RateLimits rateLimits;
    private final TwoFactorSignIn twoFactor;
    private final NewDeviceAlerts newDevices;

    TokenController(QueryGateway queries, PasswordEncoder passwords, AccessTokens tokens, RefreshTokens refreshTokens,
                    SessionCookies cookies, RateLimits rateLimits, TwoFactorSignIn twoFactor,
                    NewDeviceAlerts newDevices) {
        this.newDevices = newDevices;
        this.twoFactor = twoFactor;
        this.rateLimits = rateLimits;
        this.queries = queries;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.cookies = cookies;
        this.decoyHash = passwords.encode("decoy-password-never-matches");
    }

    @Operation(summary = "Sign in",
            description = "Exchanges an address and a password (and, once two-factor sign-in is on, a 6-digit "
                    + "code or a recovery code as `totp`) for an access token valid 15 minutes, and sets "
                    + "the refresh cookie `ms_refresh` (httpOnly, SameSite=Strict, 7 days). A sign-in from "
                    + "a device the account has not used before is mailed to its owner. Guessing is limited"
                    + " per account and client address; the owner's known devices are never limited.")
    @PublicOperation
    @ProblemResponse(status = 401, type = ProblemType.INVALID_CREDENTIALS,
            when = "The email or the password is wrong (the answer does not say which).")
    @ProblemResponse(status = 401, type = ProblemType.TOTP_REQUIRED,
            when = "Two-factor sign-in is on and `totp` is missing, wrong or a replayed code.")
    @ProblemResponse(status = 403, type = ProblemType.ACCOUNT_SUSPENDED,
            when = "This account is suspended.")
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Too many sign-ins for this account from this address (10 per 15 minutes), or from "
                    + "everywhere (100); retry after `Retry-After` seconds.")
    @PostMapping("/token")
    ResponseEntity<TokenResponse> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        String email = EmailAddresses.normalised(request.email());
        Optional<Credentials> credentials = queries.query(new FindCredentialsByEmail(email),
                ResponseTypes.optionalInstanceOf(Credentials.class)).join();
        // the guesser is slowed per client address and over all of them; the owner's known device is let through
        if (credentials.isEmpty() || !newDevices.known(credentials.get().userId(), http)) {
            rateLimits.signInAttempt(email, http.getRemoteAddr());
        }
        String hash = credentials.map(Credentials::passwordHash).orElse(decoyHash);
        boolean matches = passwords.matches(request.password(), hash);
        if (credentials.isEmpty() || !matches) {
            throw new InvalidCredentialsException();
        }
        UserStatus status = activeStatus(credentials.get().userId()).orElseThrow(InvalidCredentialsException::new);
        twoFactor.check(status.userId(), request.totp());
        newDevices.signedIn(status.userId(), status.email(), http);
        return issue(status, refreshTokens.start(status.userId()));
    }

    /** Needs the refresh cookie and the anti-CSRF header; answers a new access token and rotates the cookie. */
    @Operation(summary = "Refresh the access token",
            description = "Answers a new access token for the session of the refresh cookie and rotates the "
                    + "cookie. Needs the header `X-MailSift-CSRF: 1`. Presenting a refresh token that was "
                    + "already rotated ends the whole session.")
    @PublicOperation
    @SecurityRequirement(name = "refreshCookie")
    @ProblemResponse(status = 401, type = ProblemType.UNAUTHORIZED,
            when = "No refresh cookie, or one whose session has ended (logged out, rotated, password "
                    + "changed).")
    @ProblemResponse(status = 403, type = ProblemType.CSRF,
            when = "The header `X-MailSift-CSRF` is missing.")
    @ProblemResponse(status = 403, type = ProblemType.ACCOUNT_SUSPENDED,
            when = "This account is suspended.")
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Over the budget of anonymous requests from this client address (30 a minute); retry "
                    + "after `Retry-After` seconds.")
    @PostMapping("/refresh")
    ResponseEntity<TokenResponse> refresh(HttpServletRequest request) {
        cookies.requireCsrfHeader(request);
        var rotated = refreshTokens.rotate(cookies.read(request))
                                   .orElseThrow(() -> new BadCredentialsException("refresh token"));
        UserStatus status = activeStatus(rotated.userId())
                .orElseThrow(() -> new BadCredentialsException("refresh token"));
        return issue(status, rotated.token());
    }

    @Operation(summary = "Sign out",
            description = "Ends the session of the refresh cookie and clears the cookie. Needs the header "
                    + "`X-MailSift-CSRF: 1`. Access tokens already handed out run until they expire (15 "
                    + "minutes at most).")
    @PublicOperation
    @SecurityRequirement(name = "refreshCookie")
    @ProblemResponse(status = 403, type = ProblemType.CSRF,
            when = "The header `X-MailSift-CSRF` is missing.")
    @ProblemResponse(status = 429, type = ProblemType.RATE_LIMITED,
            when = "Over the budget of anonymous requests from this client address (30 a minute); retry "
                    + "after `Retry-After` seconds.")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        cookies.requireCsrfHeader(request);
        refreshTokens.revoke(cookies.read(request));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).header(HttpHeaders.SET_COOKIE, cookies.clear()).build();
    }

    /** The account's status, refusing a suspended one. */
    private Optional<UserStatus> activeStatus(String userId) {
        Optional<UserStatus> status = queries.query(new FindUserStatus(userId),
                ResponseTypes.optionalInstanceOf(UserStatus.class)).join();
        if (status.isPresent() && status.get().suspended()) {
            throw new AccountSuspendedException();
        }
        return status;
    }

    private ResponseEntity<TokenResponse> issue(UserStatus status, String refreshToken) {
        var issued = tokens.issue(new AuthenticatedUser(status.userId(), status.role()), status.sessionVersion());
        return ResponseEntity.ok()
                             .header(HttpHeaders.SET_COOKIE, cookies.set(refreshToken))
                             .header(HttpHeaders.CACHE_CONTROL, "no-store")
                             .body(new TokenResponse(issued.value(), "Bearer", issued.expiresIn().toSeconds()));
    }

    record TokenRequest(@NotBlank @PlainEmail @Size(max = 254) String email,
                        @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String password,
                        @Size(max = 32) String totp) {
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn) {
    }
}
