package dev.mailsift.web.accounts;

import dev.mailsift.web.support.PostgresRabbitAccessService;

/** {@link GoogleSignInContract} on PostgreSQL and RabbitMQ. */
class PostgresRabbitGoogleSignInTest extends PostgresRabbitAccessService implements GoogleSignInContract {
}
