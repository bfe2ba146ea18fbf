package dev.mailsift.web.accounts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;

/** Sign-in of an account with two-factor on, without (or with a wrong) TOTP or recovery code. */
public class TotpRequiredException extends ProblemException {

    public TotpRequiredException(String message) {
        super(ProblemType.TOTP_REQUIRED, HttpStatus.UNAUTHORIZED, message);
        answerWithHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
