package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.security.ApiKeySecrets;
import dev.mailsift.web.platform.mail.TransactionalMail;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Mails the owner when their account is signed into from a device (user agent and client address) it has not
 * been signed into from before. The very first sign-in only records the device.
 */
@Component
public class NewDeviceAlerts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                   .withZone(ZoneOffset.UTC);
    private static final int MAX_AGENT = 200;

    private final JdbcTemplate jdbc;
    private final TransactionalMail mail;
    private final Clock clock;

    NewDeviceAlerts(JdbcTemplate jdbc, TransactionalMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * Whether the account has been signed into from this device before: its owner, most likely, whom sign-in limits
     * let through (a guesser elsewhere must not lock them out).
     */
    boolean known(String userId, HttpServletRequest request) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM known_device WHERE user_id = ? AND device_hash = ?",
                Long.class, userId, device(agent(request), request.getRemoteAddr())) > 0;
    }

    public void signedIn(String userId, String email, HttpServletRequest request) {
        String agent = agent(request);
        String address = request.getRemoteAddr();
        String device = device(agent, address);
        boolean knownBefore = jdbc.queryForObject("SELECT COUNT(*) FROM known_device WHERE user_id = ?", Long.class,
                userId) > 0;
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO known_device (user_id, device_hash, first_seen_at) VALUES (?, ?, ?)", userId,
                    device, Timestamp.from(now));
        } catch (DuplicateKeyException alreadyKnown) {
            return;
        }
        if (knownBefore) {
            mail.send(email, "new-sign-in", Map.of("email", email, "when", WHEN.format(now), "address", address,
                    "agent", agent));
        }
    }

    private static String agent(HttpServletRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        agent = agent == null ? "unknown" : agent.strip();
        return agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent;
    }

    private static String device(String agent, String address) {
        return ApiKeySecrets.hash(agent + "\n" + address);
    }
}
