package dev.mailsift.web.audit.replay;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

class ReadModelGateTest extends ReadModelGateContract {

    private final DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:gate-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
