package dev.mailsift.web.jobs;

import dev.mailsift.web.platform.problem.InvalidParameterException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict statuses a results download keeps, read from {@code status=deliverable,risky}. Absent (or every
 * status named): all rows.
 */
record StatusFilter(Set<String> statuses) {

    static final List<String> STATUSES = List.of("deliverable", "risky", "undeliverable", "unknown");

    static StatusFilter parse(String parameter) {
        if (parameter == null) {
            return new StatusFilter(Set.copyOf(STATUSES));
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : parameter.split(",", -1)) {
            String status = part.trim();
            if (!STATUSES.contains(status)) {
                throw new InvalidParameterException("status", "status must be a comma-separated list of "
                        + String.join(", ", STATUSES) + "; '" + abbreviated(status) + "' is none of them.");
            }
            chosen.add(status);
        }
        return new StatusFilter(Set.copyOf(chosen));
    }

    /** Whether every row is kept: then a stored file of the format asked for is served as it is. */
    boolean all() {
        return statuses.size() == STATUSES.size();
    }

    boolean keeps(String status) {
        return statuses.contains(status);
    }

    /** The caller's text goes back in the problem, so it is kept short. */
    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
