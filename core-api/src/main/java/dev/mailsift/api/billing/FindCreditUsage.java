package dev.mailsift.api.billing;

import java.time.LocalDate;

/**
 * The credits an account spent per UTC day from {@code from} to {@code to}, both included: what its statement shows
 * as {@code captured}.
 */
public record FindCreditUsage(String userId, LocalDate from, LocalDate to) {
}
