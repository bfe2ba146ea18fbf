package dev.mailsift.web.accounts;

import org.springframework.http.HttpStatus;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;

/** A suspended account tried to sign in or refresh a session. */
public class AccountSuspendedException extends ProblemException {

    public AccountSuspendedException() {
        super(ProblemType.ACCOUNT_SUSPENDED, HttpStatus.FORBIDDEN, "This account is suspended. Contact support.");
    }
}
