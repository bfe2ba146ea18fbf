package dev.mailsift.web.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Lets a metrics scraper (Prometheus) read {@code /actuator/prometheus} with the configured scrape credential
 * ({@code MAILSIFT_METRICS_TOKEN}, sent as {@code Authorization: Bearer …}) instead of an operator's session, which
 * expires. The comparison takes the same time however much of the value matches (digests compared with
 * {@link MessageDigest#isEqual}). Without a configured credential only operators read metrics.
 */
class MetricsScrapeFilter extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";
    static final String ROLE = "METRICS";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    MetricsScrapeFilter(String token) {
        this.expected = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return expected == null || !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).strip()))) {
            // not the scrape credential: an operator's token or API key, checked as on every other path
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("metrics-scraper",
                null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        // the credential is not an access token: the token filter behind must not judge it
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public java.util.Enumeration<String> getHeaders(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }
        }, response);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
