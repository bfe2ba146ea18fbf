package dev.mailsift.bench.eventstore;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * {@link JpaEventStorageEngine} on Hibernate 6, bootstrapped the way Spring Boot does it
 * ({@link LocalContainerEntityManagerFactoryBean}, {@link JpaTransactionManager}, a shared
 * transactional {@link EntityManager}), with the two Axon-on-PostgreSQL fixes:
 * {@link ByteaPostgresDialect} (bytea, not oid) and {@code META-INF/bench-orm.xml}
 * (global-index sequence with allocation size 1). Schema by {@code hibernate.hbm2ddl.auto=create}.
 */
final class JpaEngineVariant extends EngineVariant {

    private final Integer jdbcBatchSize;
    private final boolean reWriteBatchedInserts;
    private final boolean byteaDialect;
    private final boolean sequenceOverride;
    private final Serializer serializer;
    private EntityManagerFactory emf;

    /** A candidate: bytea dialect and the orm.xml sequence override (allocation size 1). */
    JpaEngineVariant(String name, String schema, Integer jdbcBatchSize, boolean reWriteBatchedInserts,
                     Serializer serializer) {
        this(name, schema, jdbcBatchSize, reWriteBatchedInserts, true, true, serializer);
    }

    JpaEngineVariant(String name, String schema, Integer jdbcBatchSize, boolean reWriteBatchedInserts,
                     boolean byteaDialect, boolean sequenceOverride, Serializer serializer) {
        super(name, schema, "domain_event_entry",
                "JpaEventStorageEngine, Hibernate 6, "
                        + (byteaDialect ? "bytea dialect" : "stock PostgreSQLDialect")
                        + (sequenceOverride ? ", orm.xml allocation-size 1" : ", NO orm.xml (Hibernate default allocation size)")
                        + (jdbcBatchSize == null ? ", no hibernate.jdbc.batch_size (Spring Boot default)"
                        : ", hibernate.jdbc.batch_size=" + jdbcBatchSize + " + order_inserts")
                        + ", reWriteBatchedInserts=" + reWriteBatchedInserts);
        this.jdbcBatchSize = jdbcBatchSize;
        this.reWriteBatchedInserts = reWriteBatchedInserts;
        this.byteaDialect = byteaDialect;
        this.sequenceOverride = sequenceOverride;
        this.serializer = serializer;
    }

    @Override
    void start(BenchDatabase db, int poolSize) throws Exception {
        dataSource = db.dataSource(name.replaceAll("[^a-z]", "_"), schema, reWriteBatchedInserts, poolSize);

        Map<String, Object> props = new HashMap<>();
        props.put("hibernate.dialect", byteaDialect ? ByteaPostgresDialect.class.getName()
                : "org.hibernate.dialect.PostgreSQLDialect");
        props.put("hibernate.hbm2ddl.auto", "create");
        // Spring Boot's physical naming: DomainEventEntry -> domain_event_entry, metaData -> meta_data.
        props.put("hibernate.physical_naming_strategy",
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        if (jdbcBatchSize != null) {
            props.put("hibernate.jdbc.batch_size", jdbcBatchSize);
            props.put("hibernate.order_inserts", true);
        }

        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName("bench-" + schema);
        factory.setDataSource(dataSource);
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setManagedTypes(PersistenceManagedTypes.of(
                DomainEventEntry.class.getName(), SnapshotEventEntry.class.getName()));
        if (sequenceOverride) {
            factory.setMappingResources("META-INF/bench-orm.xml");
        }
        factory.setJpaPropertyMap(props);
        factory.afterPropertiesSet();
        emf = factory.getObject();

        JpaTransactionManager jpaTx = new JpaTransactionManager(emf);
        jpaTx.setDataSource(dataSource);
        jpaTx.afterPropertiesSet();
        transactionManager = new SpringTransactionManager(jpaTx);
        EntityManager shared = SharedEntityManagerCreator.createSharedEntityManager(emf);
        engine = JpaEventStorageEngine.builder()
                .entityManagerProvider(new SimpleEntityManagerProvider(shared))
                .transactionManager(transactionManager)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataSource(dataSource)
                .build();
    }

    /**
     * Payload/metadata column types and the global-index sequence's increment, as PostgreSQL reports
     * them; fails loudly if this variant's fixes did not take effect.
     */
    String schemaCheck() throws Exception {
        String types = columnTypes("payload", "meta_data", "global_index");
        long increment;
        String sequence;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select sequencename, increment_by from pg_sequences where schemaname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(name + ": no sequence created for global_index");
                }
                sequence = rs.getString(1);
                increment = rs.getLong(2);
                if (rs.next()) {
                    throw new IllegalStateException(name + ": more than one sequence: " + sequence + ", " + rs.getString(1));
                }
            }
        }
        if (byteaDialect && (!types.contains("payload=bytea") || !types.contains("meta_data=bytea"))) {
            throw new IllegalStateException(name + ": payload/meta_data are not bytea: " + types);
        }
        if (sequenceOverride && increment != 1) {
            throw new IllegalStateException(name + ": sequence " + sequence + " increments by " + increment + ", not 1");
        }
        return types + ", sequence " + sequence + " increment_by=" + increment;
    }

    /** Large objects in the database: must stay 0 if payloads really go to bytea. */
    long largeObjects() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_largeobject_metadata")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        if (emf != null) {
            emf.close();
        }
        super.close();
    }
}
