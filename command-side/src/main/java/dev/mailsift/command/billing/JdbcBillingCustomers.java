package dev.mailsift.command.billing;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link BillingCustomers} on the {@code billing_customer} table; joins the command's transaction. */
@Component
class JdbcBillingCustomers implements BillingCustomers {

    private final JdbcTemplate jdbc;

    JdbcBillingCustomers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String userId, String customerId) {
        try {
            jdbc.update("INSERT INTO billing_customer (user_id, customer_id) VALUES (?, ?)", userId, customerId);
        } catch (DuplicateKeyException e) {
            throw new AccountHasACustomerException(userId);
        }
    }

    @Override
    public Optional<String> customerOf(String userId) {
        return jdbc.queryForList("SELECT customer_id FROM billing_customer WHERE user_id = ?", String.class, userId)
                   .stream().findFirst();
    }

    @Override
    public Optional<String> accountOf(String customerId) {
        return jdbc.queryForList("SELECT user_id FROM billing_customer WHERE customer_id = ?", String.class,
                customerId).stream().findFirst();
    }
}
