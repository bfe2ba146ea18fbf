package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.problem.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/** Writes RFC 9457 problem documents from the security filters, which run before Spring MVC's advice. */
@Component
class ProblemResponses {

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, ProblemType.UNAUTHORIZED.toProblem(HttpStatus.UNAUTHORIZED, detail));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, ProblemType.FORBIDDEN.toProblem(HttpStatus.FORBIDDEN,
                "Your account may not perform this operation."));
    }

    void suspended(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, ProblemType.ACCOUNT_SUSPENDED.toProblem(HttpStatus.FORBIDDEN,
                "This account is suspended. Contact support."));
    }

    void csrf(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, ProblemType.CSRF.toProblem(HttpStatus.FORBIDDEN, detail));
    }

    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        write(request, response, ProblemType.RATE_LIMITED.toProblem(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests. Retry after " + Math.max(1, retryAfterSeconds) + " seconds."));
    }

    /** Over the per-principal cap on requests running at once; one of them finishing makes room. */
    void tooManyAtOnce(HttpServletRequest request, HttpServletResponse response, int limit) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        write(request, response, ProblemType.CONCURRENCY_LIMITED.toProblem(HttpStatus.TOO_MANY_REQUESTS,
                "At most " + limit + " requests of one user or API key run at once. Retry after one has finished."));
    }

    void payloadTooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        write(request, response, ProblemType.PAYLOAD_TOO_LARGE.toProblem(HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes."));
    }

    /** A method the service never serves ({@code TRACE}, WebDAV's {@code PROPFIND}, ...). */
    void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, String method)
            throws IOException {
        write(request, response, ProblemType.METHOD_NOT_ALLOWED.toProblem(HttpStatus.METHOD_NOT_ALLOWED,
                "The method " + method + " is not served; see the Allow header."));
    }

    /** A request line or header the firewall refuses before any authentication. */
    void rejected(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, ProblemType.REQUEST_REJECTED.toProblem(HttpStatus.BAD_REQUEST, detail));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        try {
            // on the error page's dispatch, the path the client asked for
            Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            problem.setInstance(URI.create(original instanceof String path ? path : request.getRequestURI()));
        } catch (IllegalArgumentException unusablePath) {
            // a path the firewall refused need not be a URI: the problem goes without an instance
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
