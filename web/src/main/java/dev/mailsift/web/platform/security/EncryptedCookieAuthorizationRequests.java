package dev.mailsift.web.platform.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Base64;

/**
 * Keeps the OIDC authorization request (state, nonce, PKCE verifier) between the redirect to the provider and the
 * callback in an encrypted, authenticated cookie instead of a server session: the API stays stateless and any node
 * can take the callback. SameSite=Lax, because the callback is a top-level navigation from the provider.
 */
class EncryptedCookieAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String NAME = "ms_oidc";
    private static final String PATH = "/login/oauth2";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String OWNER = "oidc-authorization-request";
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "org.springframework.security.oauth2.**;java.util.*;java.lang.*;java.time.*;maxdepth=10;!*");

    private final SecretBox secrets;

    EncryptedCookieAuthorizationRequests(SecretBox secrets) {
        this.secrets = secrets;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String value = read(request);
        if (value == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(secrets.open(OWNER, value));
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(ALLOWED);
                return (OAuth2AuthorizationRequest) in.readObject();
            }
        } catch (RuntimeException | IOException | ClassNotFoundException e) {
            return null;
        }
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO));
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(authorizationRequest);
            }
            String sealed = secrets.seal(OWNER, Base64.getEncoder().encodeToString(bytes.toByteArray()));
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(sealed, LIFETIME));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                 HttpServletResponse response) {
        OAuth2AuthorizationRequest stored = loadAuthorizationRequest(request);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO));
        return stored;
    }

    private static String read(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(true).sameSite("Lax").path(PATH)
                             .maxAge(maxAge).build().toString();
    }
}
