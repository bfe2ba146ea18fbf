package dev.mailsift.web.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mailsift.command.job.JobPipelineSaga;
import dev.mailsift.web.platform.node.NodeIdentity;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Axon wiring: Jackson for events, messages, snapshots, sagas and tokens (XStream breaks on JDK 17+), and the
 * correlation data every command passes on to the events it causes (the audit part: {@code web.audit}).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * The web API's mapper, declared here so that Axon's own ObjectMapper auto-configuration backs off and the
     * {@code spring.jackson.*} settings (snake_case) keep applying to HTTP only.
     */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /**
     * The stored form of every message, snapshot, saga and token: camelCase JSON of the core-api records with
     * ISO-8601 instants. Axon derives its event and message serializers from this general one.
     */
    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, reading {@value #EVENT_READ_BATCH} events per query
     * instead of 100: a 100,000-row job is 100,000 events that every processor streams past
     * (docs/decisions/0022); the events' equal metadata is serialized once per run of them
     * ({@link MetaDataReusingSerializer}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver exceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(serializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(exceptionResolver)
                                     .eventSerializer(new MetaDataReusingSerializer(eventSerializer))
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(new EventSchema()) // Axon's default table and column names (V1 migration)
                                     .batchSize(EVENT_READ_BATCH)
                                     .readEventDataWithGaps(AxonConfig::readEventDataWithGaps)
                                     .build();
    }

    /**
     * Axon's read of the events after a token with gaps, bounded below by the lowest gap: {@code (globalindex > ? AND
     * globalindex <= ?) OR globalindex IN (gaps)} alone makes H2 scan the whole table, which with four workers
     * appending chunks (hundreds of gaps at a time) stalled every streaming processor for seconds per read on the
     * embedded default (docs/decisions/0047). PostgreSQL plans both forms on the primary key.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        long lowest = gaps.isEmpty() ? globalIndex : Math.min(globalIndex, Collections.min(gaps));
        String index = schema.globalIndexColumn();
        String newer = "(" + index + " > ? AND " + index + " <= ?)";
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " >= ? AND " + index + " <= ? AND "
                + (gaps.isEmpty() ? newer
                : "(" + newer + " OR " + index + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?"))
                + "))")
                + " ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        int parameter = 1;
        statement.setLong(parameter++, lowest);
        statement.setLong(parameter++, globalIndex + batchSize);
        statement.setLong(parameter++, globalIndex);
        statement.setLong(parameter++, globalIndex + batchSize);
        for (Long gap : gaps) {
            statement.setLong(parameter++, gap);
        }
        return statement;
    }

    static final int EVENT_READ_BATCH = 1000;

    /**
     * The source of every streaming processor ({@code axon.eventhandling.processors.*.source}): the event store, minus
     * the payload types a processor has no handler for (see {@link HandledTypesEventSource}).
     */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> handledTypesEventSource(EventStore eventStore,
                                                                           EventArrivals arrivals) {
        return new HandledTypesEventSource(eventStore, arrivals);
    }

    /** The pipeline saga's source: the event store, minus every payload type the saga has no handler for. */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> pipelineSagaEventSource(EventStore eventStore,
                                                                           EventArrivals arrivals) {
        return new HandledTypesEventSource(eventStore, arrivals,
                                           HandledTypesEventSource.handledBySaga(JobPipelineSaga.class));
    }

    /**
     * The source of every subscribing processor ({@code axon.eventhandling.processors.*.source}): the event store,
     * minus the payload types none of them has a handler for (see {@link SubscribingHandledTypesSource}).
     */
    @Bean
    SubscribableMessageSource<EventMessage<?>> subscribingHandledTypesEventSource(
            EventStore eventStore, ObjectProvider<EventProcessingConfiguration> processing) {
        return new SubscribingHandledTypesSource(eventStore, () -> processing.getObject().eventProcessors().values()
                .stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(SubscribingEventProcessor.class::cast)
                .toList());
    }

    /**
     * Calls the streaming processors back when this node commits events, and every half second for the events of
     * other nodes: the interval Axon's pooled processor polls at without it (see {@link EventArrivals}).
     */
    @Bean
    EventArrivals eventArrivals(EventStore eventStore) {
        return new EventArrivals(eventStore, Duration.ofMillis(500));
    }

    /**
     * Axon's JDBC token store as its auto-configuration builds it, with this node's own name as the owner of the
     * segments it claims: by default every node in one JVM would be the same owner, and could take another's segment.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TokenStoreProperties properties, NodeIdentity node) {
        return JdbcTokenStore.builder()
                             .connectionProvider(connectionProvider)
                             .schema(TokenSchema.builder().build()) // Axon's default names (V1 migration)
                             .serializer(serializer)
                             .claimTimeout(properties.getClaimTimeout())
                             .nodeId(node.name())
                             .build();
    }

    @Bean
    NodeIdentity nodeIdentity() {
        return NodeIdentity.ofThisProcess();
    }

    /** Axon's correlationId/traceId (causation and correlation), plus who did it and from where. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Recognises unique-key violations on PostgreSQL and H2 alike (see {@link UniqueViolationResolver}). */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }
}
