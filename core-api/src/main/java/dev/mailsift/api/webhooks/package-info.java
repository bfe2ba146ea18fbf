/**
 * Messages of the {@code WebhookEndpoints} aggregate: where an account wants its outbound webhooks sent, which
 * event types, and the (sealed) signing secrets. One aggregate per account, so the 10-endpoint limit holds.
 */
package dev.mailsift.api.webhooks;
