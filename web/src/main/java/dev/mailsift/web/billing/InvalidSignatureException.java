package dev.mailsift.web.billing;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** A Stripe delivery whose signature is missing, forged or too old: nothing of it is recorded. */
class InvalidSignatureException extends ProblemException {

    InvalidSignatureException(String detail) {
        super(ProblemType.INVALID_SIGNATURE, HttpStatus.BAD_REQUEST, detail);
    }
}
