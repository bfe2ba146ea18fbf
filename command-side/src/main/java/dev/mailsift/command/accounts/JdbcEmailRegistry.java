package dev.mailsift.command.accounts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link EmailRegistry} on the {@code user_email} table; joins the command's transaction. */
@Component
class JdbcEmailRegistry implements EmailRegistry {

    private final JdbcTemplate jdbc;

    JdbcEmailRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String email, String userId) {
        try {
            jdbc.update("INSERT INTO user_email (email, user_id) VALUES (?, ?)", email, userId);
        } catch (DuplicateKeyException e) {
            throw new EmailAlreadyRegisteredException(email);
        }
    }

    @Override
    public Optional<String> ownerOf(String email) {
        return jdbc.queryForList("SELECT user_id FROM user_email WHERE email = ?", String.class, email)
                   .stream().findFirst();
    }
}
