package dev.mailsift.api.billing;

/** One page of an account's balance movements, newest first. */
public record FindLedgerEntries(String userId, int page, int size) {
}
