package dev.mailsift.api.billing;

import java.util.List;

/** One page of an account's statement and how many movements it has in all. */
public record LedgerPage(List<LedgerEntry> entries, int page, int size, long total) {
}
