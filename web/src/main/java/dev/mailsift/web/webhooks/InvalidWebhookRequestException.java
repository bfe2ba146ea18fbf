package dev.mailsift.web.webhooks;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** A request about an endpoint of the caller's that is missing something. */
class InvalidWebhookRequestException extends ProblemException {

    InvalidWebhookRequestException(String detail) {
        super(ProblemType.VALIDATION, HttpStatus.BAD_REQUEST, detail);
    }
}
