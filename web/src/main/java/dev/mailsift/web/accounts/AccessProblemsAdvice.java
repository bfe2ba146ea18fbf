package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.security.SessionCookies;
import dev.mailsift.command.accounts.CodeLimitReachedException;
import dev.mailsift.command.accounts.InvalidCodeException;
import dev.mailsift.command.accounts.UnknownApiKeyException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents for the accounts-and-security failures; consulted before the general handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblemsAdvice {

    private final SessionCookies cookies;

    AccessProblemsAdvice(SessionCookies cookies) {
        this.cookies = cookies;
    }

    @ExceptionHandler(UnknownApiKeyException.class)
    ProblemDetail unknownKey(UnknownApiKeyException e) {
        return ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND, "No such API key.");
    }

    @ExceptionHandler(InvalidCodeException.class)
    ProblemDetail invalidCode(InvalidCodeException e) {
        return ProblemType.INVALID_CODE.toProblem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CodeLimitReachedException.class)
    ResponseEntity<ProblemDetail> codeLimit(CodeLimitReachedException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                             .body(ProblemType.RATE_LIMITED.toProblem(HttpStatus.TOO_MANY_REQUESTS,
                                     "Too many codes were sent recently. Retry after " + seconds + " seconds."));
    }



    /** A refresh cookie that is missing, expired, revoked or reused. */
    @ExceptionHandler(BadCredentialsException.class)
    ResponseEntity<ProblemDetail> badRefreshToken(BadCredentialsException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                             .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                             .header(HttpHeaders.SET_COOKIE, cookies.clear())
                             .body(ProblemType.UNAUTHORIZED.toProblem(HttpStatus.UNAUTHORIZED,
                                     "The session has ended. Sign in again."));
    }



    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemType.FORBIDDEN.toProblem(HttpStatus.FORBIDDEN, "Your account may not perform this operation.");
    }


}
