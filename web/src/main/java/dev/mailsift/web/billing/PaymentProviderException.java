package dev.mailsift.web.billing;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** Stripe refused or did not answer; nothing was bought, and the request may be retried. */
class PaymentProviderException extends ProblemException {

    PaymentProviderException(Exception cause) {
        super(ProblemType.PAYMENT_PROVIDER_FAILED, HttpStatus.BAD_GATEWAY,
                "The payment provider did not complete the request; nothing was charged. Retry shortly.");
        initCause(cause);
    }
}
