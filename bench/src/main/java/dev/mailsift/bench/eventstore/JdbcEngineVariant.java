package dev.mailsift.bench.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@link JdbcEventStorageEngine} with {@link PostgresEventTableFactory} (bigserial global index,
 * bytea payload/metadata), Spring's {@link DataSourceTransactionManager} behind Axon's
 * {@link SpringTransactionManager}, the way axon-spring-boot-autoconfigure wires it.
 */
final class JdbcEngineVariant extends EngineVariant {

    private final boolean reWriteBatchedInserts;
    private final Serializer serializer;

    JdbcEngineVariant(String name, String schema, boolean reWriteBatchedInserts, Serializer serializer) {
        super(name, schema, "domainevententry",
                "JdbcEventStorageEngine + PostgresEventTableFactory, reWriteBatchedInserts=" + reWriteBatchedInserts);
        this.reWriteBatchedInserts = reWriteBatchedInserts;
        this.serializer = serializer;
    }

    @Override
    void start(BenchDatabase db, int poolSize) {
        dataSource = db.dataSource(name.replaceAll("[^a-z]", "_"), schema, reWriteBatchedInserts, poolSize);
        transactionManager = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        JdbcEventStorageEngine jdbc = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .build();
        jdbc.createSchema(PostgresEventTableFactory.INSTANCE);
        engine = jdbc;
    }

    String schemaCheck() throws Exception {
        return columnTypes("payload", "metadata", "globalindex");
    }
}
