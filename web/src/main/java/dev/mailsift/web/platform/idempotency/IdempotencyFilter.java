package dev.mailsift.web.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.idempotency.IdempotentRequests.Answered;
import dev.mailsift.web.platform.idempotency.IdempotentRequests.Earlier;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.security.AuthenticatedUser;
import dev.mailsift.web.platform.security.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on the POSTs marked {@link Idempotent}, for an authenticated caller: the first request with a
 * key claims it and, if it succeeds (2xx), its answer is kept 24 hours; the same request again (same method, path,
 * query and body) answers that answer with {@code Idempotent-Replayed: true}, without running. The key sent with
 * another request answers {@code 409 idempotency-key-reused}; while the first still runs, {@code 409 conflict}. A
 * failed request keeps nothing: the key may be retried. Keys are the caller's own (one account's keys and tokens
 * share them). Runs after authentication and the body-size limits, before Spring MVC.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String REPLAYED = "Idempotent-Replayed";

    private final RequestMappingHandlerMapping mappings;
    private final IdempotentRequests requests;
    private final ObjectMapper json;

    IdempotencyFilter(RequestMappingHandlerMapping mappings, IdempotentRequests requests, ObjectMapper json) {
        this.mappings = mappings;
        this.requests = requests;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String key = request.getHeader(Idempotent.HEADER);
        // a key too long is left to the handler, which refuses it as a bad parameter
        return !"POST".equals(request.getMethod()) || key == null || key.isBlank()
                || key.length() > Idempotent.MAX_KEY_LENGTH || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = callerOf();
        if (userId == null || !idempotent(request)) {
            chain.doFilter(request, response);
            return;
        }
        MessageDigest digest = sha256();
        digest.update((request.getRequestURI() + "?" + request.getQueryString() + "\n").getBytes(StandardCharsets.UTF_8));
        HttpServletRequest read = request;
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            if (!digestParts(request, digest)) {
                // a body that cannot be taken apart: the handler answers the problem, and nothing is kept
                chain.doFilter(request, response);
                return;
            }
        } else {
            byte[] body = request.getInputStream().readAllBytes();
            digest.update(body);
            read = new BufferedBodyRequest(request, body);
        }
        String fingerprint = HexFormat.of().formatHex(digest.digest());
        String key = request.getHeader(Idempotent.HEADER);

        Earlier earlier = requests.claim(userId, key, fingerprint);
        if (earlier != null) {
            answerEarlier(request, response, fingerprint, earlier);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(read, answer);
            if (HttpStatus.valueOf(answer.getStatus()).is2xxSuccessful()) {
                requests.complete(userId, key, answer.getStatus(), answer.getContentType(),
                        answer.getHeader(HttpHeaders.LOCATION),
                        new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
                kept = true;
            }
        } finally {
            if (!kept) {
                requests.release(userId, key);
            }
            answer.copyBodyToResponse();
        }
    }

    private void answerEarlier(HttpServletRequest request, HttpServletResponse response, String fingerprint,
                               Earlier earlier) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            problem(request, response, ProblemType.IDEMPOTENCY_KEY_REUSED.toProblem(HttpStatus.CONFLICT,
                    "This Idempotency-Key was sent with another request (method, path, query or body); use a new "
                            + "key for a new request."));
        } else if (earlier instanceof Answered answered) {
            response.setStatus(answered.status());
            response.setHeader(REPLAYED, "true");
            if (answered.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, answered.location());
            }
            if (answered.contentType() != null) {
                response.setContentType(answered.contentType());
            }
            response.getOutputStream().write(answered.body().getBytes(StandardCharsets.UTF_8));
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(request, response, ProblemType.CONFLICT.toProblem(HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being handled; retry in a moment."));
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String callerOf() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user
                ? user.userId() : null;
    }

    /** Whether the request goes to a handler marked {@link Idempotent}, asked of Spring MVC's own mappings. */
    private boolean idempotent(HttpServletRequest request) {
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mappings.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method
                    && method.hasMethodAnnotation(Idempotent.class);
        } catch (Exception noHandler) {
            // a media type or parameter the mapping refuses: Spring MVC answers its problem
            return false;
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
        }
    }

    /** Every part's name, file name and content into the digest; false when the body cannot be taken apart. */
    private static boolean digestParts(HttpServletRequest request, MessageDigest digest) {
        try {
            for (Part part : request.getParts()) {
                digest.update((part.getName() + "\n" + part.getSubmittedFileName() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                try (InputStream in = part.getInputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return true;
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
