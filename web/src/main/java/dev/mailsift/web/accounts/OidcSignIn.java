package dev.mailsift.web.accounts;

import org.springframework.stereotype.Component;
import dev.mailsift.web.platform.security.RefreshTokens;
import dev.mailsift.web.platform.security.SessionCookies;
import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.LinkExternalIdentity;
import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.command.accounts.EmailAlreadyRegisteredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Finishes a Google (OIDC) sign-in. The ID token has been validated by Spring Security (signature, issuer,
 * audience, expiry, nonce); here the provider's <em>verified</em> address finds the account — or opens one — the
 * identity is linked (which confirms the address), and the same refresh-cookie session as a password sign-in
 * starts. The browser lands on {@code /}; the dashboard gets its access token from {@code /api/v1/auth/refresh}.
 */
@Component
class OidcSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwords;
    private final RefreshTokens refreshTokens;
    private final SessionCookies cookies;
    private final TwoFactorSignIn twoFactor;

    OidcSignIn(CommandGateway commands, QueryGateway queries, PasswordEncoder passwords, RefreshTokens refreshTokens,
               SessionCookies cookies, TwoFactorSignIn twoFactor) {
        this.commands = commands;
        this.queries = queries;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.cookies = cookies;
        this.twoFactor = twoFactor;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        if (!(authentication.getPrincipal() instanceof OidcUser person)
                || !(authentication instanceof OAuth2AuthenticationToken token)) {
            response.sendRedirect("/?oidc_error=not_oidc");
            return;
        }
        String email = EmailAddresses.normalise(person.getEmail()).orElse(null);
        if (email == null || !Boolean.TRUE.equals(person.getEmailVerified())) {
            response.sendRedirect("/?oidc_error=email_not_verified");
            return;
        }
        String userId = accountFor(email);
        UserStatus status = queries.query(new FindUserStatus(userId), UserStatus.class).join();
        if (status.suspended()) {
            response.sendRedirect("/?oidc_error=account_suspended");
            return;
        }
        if (twoFactor.isOn(userId)) {
            // The provider did not check our second factor: sign in with password and code instead.
            response.sendRedirect("/?oidc_error=totp_required");
            return;
        }
        commands.sendAndWait(AccessCodes.as("user:" + userId, new LinkExternalIdentity(userId,
                token.getAuthorizedClientRegistrationId(), person.getSubject(), email)));
        response.addHeader(HttpHeaders.SET_COOKIE, cookies.set(refreshTokens.start(userId)));
        response.sendRedirect("/");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        log.info("OIDC sign-in failed: {}", exception.getMessage());
        response.sendRedirect("/?oidc_error=sign_in_failed");
    }

    /**
     * The account holding {@code email}, opened now when there is none, with a random password nobody knows (the
     * user can set one through the password reset).
     */
    private String accountFor(String email) {
        Optional<Credentials> existing = queries.query(new FindCredentialsByEmail(email),
                ResponseTypes.optionalInstanceOf(Credentials.class)).join();
        if (existing.isPresent()) {
            return existing.get().userId();
        }
        String userId = UUID.randomUUID().toString();
        try {
            commands.sendAndWait(AccessCodes.as("user:" + userId, new RegisterUser(userId, email,
                    passwords.encode(UUID.randomUUID().toString()), UserRole.USER)));
            return userId;
        } catch (EmailAlreadyRegisteredException race) {
            return queries.query(new FindCredentialsByEmail(email), Credentials.class).join().userId();
        }
    }
}
