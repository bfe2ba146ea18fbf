package dev.mailsift.api.billing;

import java.time.Instant;

/** The account subscribed to a plan: its first period is paid. */
public record SubscriptionStarted(String customerId,
                                  String userId,
                                  String subscriptionId,
                                  String planId,
                                  Instant startedAt) {
}
