package dev.mailsift.web.billing;

import dev.mailsift.web.platform.problem.ProblemException;
import dev.mailsift.web.platform.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** Nothing can be bought: the service has no Stripe key (or no webhook secret). */
class BillingNotConfiguredException extends ProblemException {

    BillingNotConfiguredException(String missing) {
        super(ProblemType.BILLING_NOT_CONFIGURED, HttpStatus.SERVICE_UNAVAILABLE,
                "Payments are not set up on this service (" + missing + " is not configured).");
    }
}
