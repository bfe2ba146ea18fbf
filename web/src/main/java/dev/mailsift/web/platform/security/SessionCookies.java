package dev.mailsift.web.platform.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The refresh-token cookie: httpOnly (no script reads it), Secure, SameSite=Strict, scoped to the auth endpoints.
 * Endpoints that a cookie authenticates also demand the {@value #CSRF_HEADER} header, which a cross-site form
 * cannot send and a cross-site script cannot send without passing the CORS allow-list.
 */
@Component
public class SessionCookies {

    public static final String NAME = "ms_refresh";
    public static final String CSRF_HEADER = "X-MailSift-CSRF";
    private static final String PATH = "/api/v1/auth";

    private final SecurityProperties properties;

    SessionCookies(SecurityProperties properties) {
        this.properties = properties;
    }

    public String set(String token) {
        return cookie(token, properties.refreshTokenTtl()).toString();
    }

    public String clear() {
        return cookie("", Duration.ZERO).toString();
    }

    public String read(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (NAME.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** @throws CsrfRejectedException unless the request carries the anti-CSRF header */
    public void requireCsrfHeader(HttpServletRequest request) {
        String value = request.getHeader(CSRF_HEADER);
        if (value == null || value.isBlank()) {
            throw new CsrfRejectedException("Send the " + CSRF_HEADER + " header with cookie-authenticated requests.");
        }
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value)
                             .httpOnly(true)
                             .secure(true)
                             .sameSite("Strict")
                             .path(PATH)
                             .maxAge(maxAge)
                             .build();
    }
}
