package dev.mailsift.web.audit;

import dev.mailsift.web.platform.security.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The log of audit reads: before any handler under {@code /api/v1/audit} runs, one row says who reads what, when
 * and from where. The row is written first, so a read that fails is logged too; a read that cannot be logged is
 * not served. Append-only: nothing here updates or deletes.
 */
@Component
class AuditReads implements HandlerInterceptor {

    static final int MAX_PATH = 1000;
    static final int MAX_QUERY = 2000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditReads(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedUser reader)) {
            return true; // the security chain has refused it already
        }
        boolean export = AuditEventsController.wantsExport(request.getHeader("Accept"));
        jdbc.update("INSERT INTO audit_read (read_at, reader_id, actor, role, client_address, path, query, export) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Timestamp.from(clock.instant()), reader.userId(),
                reader.actor(), reader.role().name(), request.getRemoteAddr(), cut(request.getRequestURI(), MAX_PATH),
                cut(request.getQueryString(), MAX_QUERY), export);
        return true;
    }

    /** The log, oldest first, after the cursor; optionally one reader's. */
    List<Read> after(long after, int limit, String readerId) {
        String sql = "SELECT id, read_at, reader_id, actor, role, client_address, path, query, export FROM audit_read "
                + "WHERE id > ?" + (readerId == null ? "" : " AND reader_id = ?") + " ORDER BY id LIMIT ?";
        Object[] arguments = readerId == null ? new Object[]{after, limit} : new Object[]{after, readerId, limit};
        return jdbc.query(sql, (rs, row) -> new Read(rs.getLong("id"), rs.getTimestamp("read_at").toInstant(),
                rs.getString("reader_id"), rs.getString("actor"), rs.getString("role"),
                rs.getString("client_address"), rs.getString("path"), rs.getString("query"),
                rs.getBoolean("export")), arguments);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    record Read(long id, Instant readAt, String readerId, String actor, String role, String clientAddress,
                String path, String query, boolean export) {
    }

}
