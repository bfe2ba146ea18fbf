package dev.mailsift.web.billing;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The checkout asked for something that is not for sale: the detail names the field. */
class CheckoutRefusedException extends ProblemException {

    CheckoutRefusedException(String detail) {
        super(ProblemType.VALIDATION, HttpStatus.BAD_REQUEST, detail);
    }
}
