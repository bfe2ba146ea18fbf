package dev.mailsift.api.job;

/**
 * What intake found in a list.
 *
 * @param rowsTotal       data rows read (header excluded)
 * @param uniqueAddresses distinct addresses, which are what gets checked
 * @param duplicates      rows repeating an earlier address (free)
 * @param blankRows       rows without an address
 * @param billable        unique, syntactically plausible addresses: the price in credits
 * @param headerRow       whether the first row was a header
 * @param emailColumn     0-based index of the email column
 * @param chunkCount      slices of {@code chunkSize} addresses the work is split into
 * @param checkListKey    blob key of the unique addresses, one per line, in first-seen order
 */
public record IntakeSummary(long rowsTotal, long uniqueAddresses, long duplicates, long blankRows, long billable,
                            boolean headerRow, int emailColumn, int chunkCount, int chunkSize,
                            String checkListKey) {
}
