package dev.mailsift.engine.intake;

import java.util.List;

/**
 * One data row.
 *
 * @param number    1-based data row number (header excluded), in file order
 * @param cells     the original cells, untouched
 * @param email     the address extracted from the email column (display name, angle brackets and
 *                  {@code mailto:} stripped), or null if the cell is empty
 * @param dedupeKey the key duplicates are compared by ({@link ListReader#dedupeKey(String)}), or null
 *                  with {@code email}
 * @param duplicate the same mailbox appeared on an earlier row (compared by normalised address: case, Gmail dots
 *                  and sub-address tags do not make a new mailbox)
 */
public record InputRow(long number, List<String> cells, String email, String dedupeKey, boolean duplicate) {
}
