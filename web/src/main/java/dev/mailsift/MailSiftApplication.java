package dev.mailsift;

import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The MailSift service. Lives at the package root so that component, entity and repository scanning cover the
 * command side, the query side and the web edge alike.
 *
 * <p>Axon's JPA storage is excluded on purpose: JPA serves the read models only, while the event store, tokens,
 * sagas and dead letters use Axon's JDBC engine on Flyway-owned tables (docs/decisions/0002-event-store-engine.md).
 * There are no form logins, so no user-details service either.
 */
@SpringBootApplication(exclude = {JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
public class MailSiftApplication {

    private static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // Axon's update checker phones home at start-up; MailSift runs on machines without internet access.
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(MailSiftApplication.class, args);
    }
}
