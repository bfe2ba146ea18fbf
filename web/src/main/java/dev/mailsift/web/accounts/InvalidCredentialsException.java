package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Sign-in with an unknown address or a wrong password; the answer does not say which. */
public class InvalidCredentialsException extends ProblemException {

    public InvalidCredentialsException() {
        super(ProblemType.INVALID_CREDENTIALS, HttpStatus.UNAUTHORIZED, "The email or password is wrong.");
        answerWithHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
