package dev.mailsift.bench.eventstore;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL dialect that stores {@code @Lob byte[]} (Axon's {@code payload}, {@code metaData}) as
 * {@code bytea} instead of Hibernate 6's default {@code oid} large objects.
 *
 * <p>Two halves, both needed: the DDL half ({@link #columnType}/{@link #castType}) makes
 * {@code hbm2ddl} create {@code bytea} columns; the binding half ({@link #contributeTypes}) maps
 * JDBC {@code BLOB} to {@link BinaryJdbcType} so values are bound with {@code setBytes} rather
 * than through the large-object API (which would write into {@code pg_largeobject} and store an
 * oid number in the row).
 */
public class ByteaPostgresDialect extends PostgreSQLDialect {

    public ByteaPostgresDialect() {
        super(DatabaseVersion.make(15));
    }

    public ByteaPostgresDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
