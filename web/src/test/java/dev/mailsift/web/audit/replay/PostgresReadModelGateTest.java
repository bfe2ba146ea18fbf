package dev.mailsift.web.audit.replay;

import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Tag;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

@Tag("real-services")
class PostgresReadModelGateTest extends ReadModelGateContract {

    private final DataSource dataSource = new DriverManagerDataSource(RealServices.freshDatabase(),
            RealServices.user(), "");

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
