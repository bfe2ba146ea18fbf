package dev.mailsift.web.platform.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Replaces Spring Boot's JSON error page: whatever sent an error before a controller ran (the servlet container, a
 * filter calling {@code sendError}, a multipart body that ended early) answers an RFC 9457 problem too, with the
 * type its status implies ({@link ProblemType#forStatus}).
 */
@RestController
@Hidden // answers for whatever failed before a controller ran; no operation of its own
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        ProblemDetail problem = ProblemType.forStatus(status).toProblem(HttpStatusCode.valueOf(status),
                detail(status, request.getAttribute(RequestDispatcher.ERROR_MESSAGE)));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(safeUri(uri));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The container's message for a client error (it names what was wrong); nothing of a server error's. */
    private static String detail(int status, Object message) {
        if (status < 500 && message instanceof String text && !text.isBlank()) {
            return text;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return status >= 500 ? "The request could not be completed. It has been logged."
                : "The request was refused: " + (known == null ? "status " + status : known.getReasonPhrase()) + ".";
    }

    /** The path as sent may not be a valid URI (that may be why it was refused): then it is left out. */
    static URI safeUri(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
