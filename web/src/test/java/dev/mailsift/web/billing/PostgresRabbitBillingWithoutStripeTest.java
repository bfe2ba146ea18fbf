package dev.mailsift.web.billing;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link BillingWithoutStripeContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitBillingWithoutStripeTest extends PostgresRabbitAccessService
        implements BillingWithoutStripeContract {
}
