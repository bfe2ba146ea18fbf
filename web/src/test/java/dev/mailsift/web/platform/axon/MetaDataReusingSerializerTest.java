package dev.mailsift.web.platform.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MetaDataReusingSerializerTest {

    record RowDone(int row) {
    }

    private final Serializer jackson = JacksonSerializer.defaultSerializer();
    private final MetaDataReusingSerializer serializer = new MetaDataReusingSerializer(jackson);

    @Test
    void equalMetaDataOnOneThreadIsSerializedOnceAndToTheSameBytesAsWithout() {
        MetaData first = MetaData.with("actor", "user:1").and("traceId", "t-1");
        MetaData equal = MetaData.with("traceId", "t-1").and("actor", "user:1");

        SerializedObject<byte[]> once = serializer.serialize(first, byte[].class);
        SerializedObject<byte[]> again = serializer.serialize(equal, byte[].class);

        assertThat(again).isSameAs(once);
        assertThat(once.getData()).isEqualTo(jackson.serialize(first, byte[].class).getData());
        assertThat((Map<?, ?>) serializer.deserialize(again)).isEqualTo(first);
    }

    @Test
    void otherMetaDataAnotherRepresentationOrAnotherThreadIsSerializedAfresh() throws Exception {
        MetaData first = MetaData.with("actor", "user:1");
        SerializedObject<byte[]> once = serializer.serialize(first, byte[].class);

        SerializedObject<byte[]> other = serializer.serialize(MetaData.with("actor", "user:2"), byte[].class);
        assertThat(other).isNotSameAs(once);
        assertThat((Map<?, ?>) serializer.deserialize(other)).isEqualTo(MetaData.with("actor", "user:2"));

        SerializedObject<String> asText = serializer.serialize(first, String.class);
        assertThat(asText.getData()).isEqualTo(new String(once.getData(), StandardCharsets.UTF_8));

        serializer.serialize(first, byte[].class);
        SerializedObject<byte[]> elsewhere =
                CompletableFuture.supplyAsync(() -> serializer.serialize(first, byte[].class)).get();
        assertThat(elsewhere).isNotSameAs(serializer.serialize(first, byte[].class));
        assertThat(elsewhere.getData()).isEqualTo(once.getData());
    }

    @Test
    void eventsAppendedInOneBatchWithEqualAndThenOtherMetaDataAreStoredAndReadBackEachWithItsOwn() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:metadata-reuse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).target("1").load().migrate(); // the service's own event table
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                                                              .connectionProvider(h2::getConnection)
                                                              .transactionManager(org.axonframework.common.transaction.NoTransactionManager.instance())
                                                              .eventSerializer(serializer)
                                                              .snapshotSerializer(jackson)
                                                              .build();
        MetaData chunkCommand = MetaData.with("actor", "user:1").and("correlationId", "c-1");
        List<DomainEventMessage<?>> events = new ArrayList<>();
        IntStream.range(0, 5).forEach(row -> events.add(new GenericDomainEventMessage<>(
                "Chunk", "chunk-1", row, new RowDone(row), MetaData.from(chunkCommand))));
        events.add(new GenericDomainEventMessage<>("Chunk", "chunk-1", 5, new RowDone(5),
                                                   chunkCommand.and("correlationId", "c-2")));
        engine.appendEvents(events);

        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            List<Object> correlations = store.readEvents("chunk-1").asStream()
                                             .map(event -> event.getMetaData().get("correlationId")).toList();
            assertThat(correlations).containsExactly("c-1", "c-1", "c-1", "c-1", "c-1", "c-2");
        } finally {
            store.shutDown();
        }
        Set<String> storedForms = new HashSet<>();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT metaData FROM DomainEventEntry")) {
            while (rows.next()) {
                storedForms.add(new String(rows.getBytes(1), StandardCharsets.UTF_8));
            }
        }
        assertThat(storedForms).hasSize(2);
    }
}
