package dev.mailsift.web.webhooks;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The URL is well-formed but the service will not send to it (scheme, or a non-public address). */
class RefusedWebhookUrlException extends ProblemException {

    RefusedWebhookUrlException(String detail) {
        super(ProblemType.WEBHOOK_URL_REFUSED, HttpStatus.UNPROCESSABLE_ENTITY, detail);
    }
}
