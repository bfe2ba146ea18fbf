package dev.mailsift.web.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which stored events a reader asks for, checked before anything is read: every bad value is a 400 naming its
 * parameter.
 *
 * @param after  the position cursor: only events after it (exclusive); 0 from the start
 * @param limit  how many events a page holds at most
 * @param from   inclusive lower bound of the event time, or null
 * @param to     exclusive upper bound of the event time, or null
 * @param stored whether payloads are served as stored rather than upcast to their current form
 */
record AuditFilter(long after,
                   int limit,
                   String aggregateId,
                   String aggregateType,
                   List<String> types,
                   String actor,
                   String correlationId,
                   Instant from,
                   Instant to,
                   boolean stored) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final int MAX_TYPES = 20;
    private static final int MAX_ID = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
    /** The API documentation's words for what {@link #parse} refuses. */
    static final String INVALID_QUERY = "A query parameter is not valid (a bad cursor, a limit out of range, "
            + "an unknown type or instant); `errors` names it.";

    /** Reads the request's parameters; null or blank ones are absent. */
    static AuditFilter parse(String after, String limit, String aggregateId, String aggregateType, String types,
                             String actor, String correlationId, String from, String to, String payload) {
        List<String> problems = new ArrayList<>();
        long cursor = 0;
        if (present(after)) {
            try {
                cursor = Long.parseLong(after.strip());
                if (cursor < 0) {
                    problems.add("after must be a position, 0 or more");
                }
            } catch (NumberFormatException e) {
                problems.add("after must be a position (a whole number) from a previous page's next_after");
            }
        }
        int size = DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                problems.add("limit must be between 1 and " + MAX_LIMIT);
            }
        }
        String aggregate = text(aggregateId, "aggregate_id", problems);
        String aggregateKind = name(aggregateType, "aggregate_type", problems);
        List<String> typeNames = new ArrayList<>();
        if (present(types)) {
            for (String type : types.split(",")) {
                String name = name(type, "type", problems);
                if (name != null) {
                    typeNames.add(name);
                }
            }
            if (typeNames.size() > MAX_TYPES) {
                problems.add("type names at most " + MAX_TYPES + " event types");
            }
        }
        Instant since = instant(from, "from", problems);
        Instant until = instant(to, "to", problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add("from must be before to");
        }
        boolean storedForm = false;
        if (present(payload)) {
            switch (payload.strip()) {
                case "current" -> storedForm = false;
                case "stored" -> storedForm = true;
                default -> problems.add("payload must be current or stored");
            }
        }
        AuditFilter filter = new AuditFilter(cursor, size, aggregate, aggregateKind, List.copyOf(typeNames),
                text(actor, "actor", problems), text(correlationId, "correlation_id", problems), since, until,
                storedForm);
        if (!problems.isEmpty()) {
            throw new InvalidAuditQueryException(problems);
        }
        return filter;
    }

    /** The same filter scoped to one aggregate. */
    AuditFilter ofAggregate(String type, String id) {
        return new AuditFilter(after, limit, id, type, types, actor, correlationId, from, to, stored);
    }

    /** Whether some condition can only be checked on the metadata, after the row is read. */
    boolean filtersMetadata() {
        return actor != null || correlationId != null;
    }

    static Instant instant(String value, String parameter, List<String> problems) {
        if (!present(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(parameter + " must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
            return null;
        }
    }

    private static String text(String value, String parameter, List<String> problems) {
        if (!present(value)) {
            return null;
        }
        if (value.strip().length() > MAX_ID) {
            problems.add(parameter + " must be at most " + MAX_ID + " characters");
            return null;
        }
        return value.strip();
    }

    private static String name(String value, String parameter, List<String> problems) {
        if (!present(value)) {
            return null;
        }
        if (!NAME.matcher(value.strip()).matches()) {
            problems.add(parameter + " must be a simple name such as User or CreditsGranted");
            return null;
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
