package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * One movement of an account's credits, as its statement shows it.
 *
 * @param kind           {@code granted}, {@code reserved}, {@code captured} (spent from the reservation),
 *                       {@code released} (back to the balance), {@code expired} (a reservation's hold ran out and
 *                       gave its credits back), {@code revoked} (taken back: a refund or a lost dispute),
 *                       {@code written_off} (what a refund or lost dispute would have taken back but was spent already;
 *                       the balance does not move), {@code lapsed} (a plan period's unspent credits at its end)
 * @param amount         credits moved, always positive: the kind says which way
 * @param source         where it comes from: a grant's source ({@code operator}, {@code sign_up},
 *                       {@code pack_purchase}, {@code subscription_period}), {@code job} for spending, or why credits
 *                       were taken back ({@code refund}, {@code dispute})
 * @param reference      the grant id (e.g. {@code checkout/cs_…}; also of what lapsed), the job id, or the charge
 *                       ({@code charge/ch_…})
 * @param availableAfter the spendable balance after this movement
 * @param reservedAfter  the credits held for running jobs after this movement
 */
public record LedgerEntry(Instant occurredAt,
                          String kind,
                          long amount,
                          String source,
                          String reference,
                          long availableAfter,
                          long reservedAfter) {
}
