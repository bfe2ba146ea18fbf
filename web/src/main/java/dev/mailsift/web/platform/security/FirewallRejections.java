package dev.mailsift.web.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Set;

/**
 * What Spring Security's firewall refuses ({@code //}, {@code /./}, {@code ;x=1}, {@code ..} segments, methods such
 * as {@code TRACE}) answers a problem document at once. The default handler's {@code sendError} would dispatch to
 * the error page, which the firewall refuses again for a refused method (an empty 400).
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    /** The methods the firewall lets through (its defaults); any other answers 405. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ProblemResponses problems;

    FirewallRejections(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", METHODS.stream().sorted().toList()));
            problems.methodNotAllowed(request, response, request.getMethod());
            return;
        }
        problems.rejected(request, response, "The request's path or headers are not acceptable: use a plain path "
                + "without empty, '.' or '..' segments, ';' parameters or encoded separators.");
    }
}
