package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * One page of an account's balance movements, newest first.
 *
 * @param upTo only movements at or before this instant (the statement as it stood then), or null: all of them
 */
public record FindLedgerEntries(String userId, int page, int size, Instant upTo) {

    /** Every movement. */
    public FindLedgerEntries(String userId, int page, int size) {
        this(userId, page, size, null);
    }
}
