package dev.mailsift.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads Axon's {@code domainevententry} table with plain JDBC, in global order, rows streamed with a fetch size
 * (inside a read-only transaction, which PostgreSQL needs to use a cursor): memory stays bounded however many events
 * a read covers. Payloads are read as JSON through Axon's own event serializer and upcaster chain, so they appear in
 * their current form, without loading any event class.
 */
@Component
class StoredEvents {

    /** How many rows one page may examine when the filter can only be checked on the metadata. */
    static final int MAX_SCANNED = 10_000;
    static final int FETCH_SIZE = 500;
    private static final String REDACTED = "[redacted]";
    private static final String COLUMNS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
            + "payloadtype, payloadrevision, payload, metadata, timestamp";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer eventSerializer;
    private final org.axonframework.config.Configuration axon;
    private final EventTimeSpans timeSpans;
    private final ObjectMapper json = new ObjectMapper();

    StoredEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                 @Qualifier("eventSerializer") Serializer eventSerializer,
                 org.axonframework.config.Configuration axon, EventTimeSpans timeSpans) {
        this.jdbc = jdbc;
        this.timeSpans = timeSpans;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** One page: at most {@code filter.limit()} matching events, examining at most {@link #MAX_SCANNED} rows. */
    Page page(AuditFilter filter) {
        List<AuditEvent> events = new ArrayList<>();
        long[] last = {filter.after()};
        int[] scanned = {0};
        int rowLimit = filter.filtersMetadata() ? MAX_SCANNED : filter.limit();
        read(filter, rowLimit, event -> {
            scanned[0]++;
            last[0] = event.position();
            if (matches(filter, event) && events.size() < filter.limit()) {
                events.add(event);
            }
        }, () -> events.size() >= filter.limit());
        boolean more = scanned[0] >= rowLimit || events.size() >= filter.limit();
        return new Page(events, last[0], more);
    }

    /** Every matching event in the range, in order, handed on one at a time. */
    void export(AuditFilter filter, Consumer<AuditEvent> sink) {
        read(filter, 0, event -> {
            if (matches(filter, event)) {
                sink.accept(event);
            }
        }, () -> false);
    }

    /** Whether an aggregate of this type and id has any stored event. */
    boolean exists(String aggregateType, String aggregateId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT COUNT(*) > 0 FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND type = ?", Boolean.class, aggregateId, aggregateType));
    }

    /** A field of the aggregate's first stored event (the one that created it), e.g. a job's owner. */
    Optional<String> firstPayloadField(String aggregateType, String aggregateId, String field) {
        List<byte[]> payloads = jdbc.query("SELECT payload FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND type = ? AND sequencenumber = 0", (rs, row) -> rs.getBytes(1), aggregateId,
                aggregateType);
        if (payloads.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode value = json.readTree(payloads.getFirst()).get(field);
            return Optional.ofNullable(value).map(JsonNode::asText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(AuditFilter filter, int rowLimit, Consumer<AuditEvent> sink, java.util.function.BooleanSupplier done) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM domainevententry WHERE globalindex > ?");
        List<Object> arguments = new ArrayList<>();
        EventTimeSpans.Positions inRange = timeSpans.positions(filter.from(), filter.to());
        arguments.add(Math.max(filter.after(), inRange.after()));
        if (inRange.through() != null) {
            // numbers written into the statement, not bound: a plan PostgreSQL makes once for every value (after
            // five runs of a prepared statement) would not bound its scan by them
            sql.append(" AND (globalindex <= ").append(inRange.through()).append(" OR globalindex > ")
               .append(inRange.sealedHead()).append(')');
        }
        if (filter.aggregateId() != null) {
            sql.append(" AND aggregateidentifier = ?");
            arguments.add(filter.aggregateId());
        }
        if (filter.aggregateType() != null) {
            sql.append(" AND type = ?");
            arguments.add(filter.aggregateType());
        }
        if (!filter.types().isEmpty()) {
            // names are checked to be letters and digits: no LIKE wildcard gets in
            sql.append(" AND (").append(String.join(" OR ",
                    filter.types().stream().map(type -> "payloadtype LIKE ?").toList())).append(')');
            filter.types().forEach(type -> arguments.add("%." + type));
        }
        // Axon stores instants with a fixed number of fraction digits, so they compare as text
        if (filter.from() != null) {
            sql.append(" AND timestamp >= ?");
            arguments.add(DateTimeUtils.formatInstant(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND timestamp < ?");
            arguments.add(DateTimeUtils.formatInstant(filter.to()));
        }
        sql.append(" ORDER BY globalindex");
        if (rowLimit > 0) {
            sql.append(" LIMIT ").append(rowLimit);
        }
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString());
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            if (!done.getAsBoolean()) {
                sink.accept(toEvent(rs, filter.stored()));
            }
        }));
    }

    private static boolean matches(AuditFilter filter, AuditEvent event) {
        return (filter.actor() == null || filter.actor().equals(event.actor()))
                && (filter.correlationId() == null || filter.correlationId().equals(event.correlationId()));
    }

    private AuditEvent toEvent(ResultSet rs, boolean stored) throws SQLException {
        String payloadType = rs.getString("payloadtype");
        String storedRevision = rs.getString("payloadrevision");
        byte[] payload = rs.getBytes("payload");
        byte[] metadata = rs.getBytes("metadata");
        String timestamp = rs.getString("timestamp");
        String aggregateType = rs.getString("type");
        String aggregateId = rs.getString("aggregateidentifier");
        long sequence = rs.getLong("sequencenumber");
        String eventId = rs.getString("eventidentifier");
        JsonNode body;
        String revision = storedRevision;
        if (stored) {
            body = readJson(payload);
        } else {
            var entry = new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, eventId, timestamp,
                    payloadType, storedRevision, payload, metadata);
            IntermediateEventRepresentation current = upcast(entry);
            revision = current.getType().getRevision();
            payloadType = current.getType().getName();
            body = current.getData(JsonNode.class).getData();
        }
        JsonNode meta = metadata == null ? json.createObjectNode() : readJson(metadata);
        return new AuditEvent(rs.getLong("globalindex"), aggregateType, aggregateId, sequence, eventId,
                simpleName(payloadType), revision, storedRevision, DateTimeUtils.parseInstant(timestamp),
                text(meta, AuditMetadata.ACTOR), text(meta, AuditMetadata.CLIENT_ADDRESS), text(meta, "traceId"),
                text(meta, "correlationId"), redact(body));
    }

    /** Through the whole chain Axon reads events with; an upcaster that drops the event leaves it as stored. */
    private IntermediateEventRepresentation upcast(GenericDomainEventEntry<byte[]> entry) {
        InitialEventRepresentation initial = new InitialEventRepresentation(entry, eventSerializer);
        Iterator<IntermediateEventRepresentation> upcast = axon.upcasterChain().upcast(Stream.of(initial)).iterator();
        return upcast.hasNext() ? upcast.next() : initial;
    }

    private JsonNode readJson(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passwords' and codes' hashes and sealed secrets stay in the store: a reader of the history sees none. */
    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.endsWith("Hash") || name.toLowerCase(java.util.Locale.ROOT).contains("secret")) {
                    copy.set(name, field.getValue().isNull() ? field.getValue() : TextNode.valueOf(REDACTED));
                } else {
                    copy.set(name, redact(field.getValue()));
                }
            }
            return copy;
        }
        return node;
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    /**
     * @param nextAfter the cursor for the next page: the position of the last row examined
     * @param more      whether the next page may hold more (false: the store's head was reached)
     */
    record Page(List<AuditEvent> events, long nextAfter, boolean more) {
    }
}
