package dev.mailsift.web.billing;

import dev.mailsift.web.support.EmbeddedAccessService;

/** {@link BillingWithoutStripeContract} on the embedded default. */
class EmbeddedBillingWithoutStripeTest extends EmbeddedAccessService implements BillingWithoutStripeContract {
}
