package dev.mailsift.query.billing;

import dev.mailsift.api.billing.CreditUsage;
import dev.mailsift.api.billing.FindCreditUsage;
import dev.mailsift.api.billing.FindLedgerEntries;
import dev.mailsift.api.billing.LedgerEntry;
import dev.mailsift.api.billing.LedgerPage;
import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.query.accounts.account.AccountProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every account's statement: one row per movement of its credits, keyed by the event's place in the account's
 * stream, so a redelivered event is written once and a replay rebuilds the same rows. The balances come from the
 * events themselves ({@code availableAfter}, {@code reservedAfter}); a capture leaves the spendable balance as the
 * row before it left it. It shares the {@code accounts} processor: a processor of its own would read the whole event
 * store once more for the few events it handles.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class CreditLedgerProjection {
    private static final String JOB = "job";
    private static final String WRITTEN_OFF = "written_off";

    private final JdbcTemplate jdbc;

    CreditLedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long sequence) {
        write(event.userId(), sequence, new LedgerEntry(event.grantedAt(), "granted", event.amount(),
                event.source().code(), event.grantId(), event.availableAfter(), reservedBefore(event.userId())));
    }

    @EventHandler
    void on(CreditsReserved event, @SequenceNumber long sequence) {
        write(event.userId(), sequence, new LedgerEntry(event.reservedAt(), "reserved", event.amount(), JOB,
                event.reservationId(), event.availableAfter(), event.reservedAfter()));
    }

    @EventHandler
    void on(CreditsCaptured event, @SequenceNumber long sequence) {
        write(event.userId(), sequence, new LedgerEntry(event.capturedAt(), "captured", event.amount(), JOB,
                event.reservationId(), availableBefore(event.userId()), event.reservedAfter()));
    }

    @EventHandler
    void on(CreditsReleased event, @SequenceNumber long sequence) {
        write(event.userId(), sequence, new LedgerEntry(event.releasedAt(), "released", event.amount(), JOB,
                event.reservationId(), event.availableAfter(), event.reservedAfter()));
    }

    @EventHandler
    void on(CreditReservationExpired event, @SequenceNumber long sequence) {
        write(event.userId(), sequence, new LedgerEntry(event.expiredAt(), "expired", event.amount(), JOB,
                event.reservationId(), event.availableAfter(), event.reservedAfter()));
    }

    /**
     * What was taken back is a {@code revoked} row, what had been spent already a {@code written_off} row (the balance
     * does not move), both with the charge as their reference; a revocation that took nothing shows no row for it.
     */
    @EventHandler
    void on(CreditsRevoked event, @SequenceNumber long sequence) {
        String reference = "charge/" + event.charge();
        long reserved = reservedBefore(event.userId());
        if (event.amount() > 0) {
            write(event.userId(), sequence, 0, new LedgerEntry(event.revokedAt(), "revoked", event.amount(),
                    event.cause().code(), reference, event.availableAfter(), reserved));
        }
        if (event.writtenOff() > 0) {
            write(event.userId(), sequence, 1, new LedgerEntry(event.revokedAt(), WRITTEN_OFF, event.writtenOff(),
                    event.cause().code(), reference, event.availableAfter(), reserved));
        }
    }

    /** Plan credits that lapsed at their period's end: {@code lapsed} ({@code expired} is a reservation's hold). */
    @EventHandler
    void on(CreditsExpired event, @SequenceNumber long sequence) {
        if (event.amount() > 0) {
            write(event.userId(), sequence, new LedgerEntry(event.expiredAt(), "lapsed", event.amount(),
                    event.source().code(), event.grantId(), event.availableAfter(), reservedBefore(event.userId())));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM credit_ledger");
    }

    @QueryHandler
    LedgerPage handle(FindLedgerEntries query) {
        // no "? IS NULL" for an absent bound: PostgreSQL cannot type a parameter it only compares with NULL
        String upTo = query.upTo() == null ? "" : " AND occurred_at <= ?";
        Object[] filter = query.upTo() == null ? new Object[] {query.userId()}
                : new Object[] {query.userId(), Timestamp.from(query.upTo())};
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE user_id = ?" + upTo, Long.class,
                filter);
        Object[] paged = java.util.Arrays.copyOf(filter, filter.length + 2);
        paged[filter.length] = query.size();
        paged[filter.length + 1] = (long) query.page() * query.size();
        var entries = jdbc.query("SELECT occurred_at, kind, amount, source, reference, available_after, "
                        + "reserved_after FROM credit_ledger WHERE user_id = ?" + upTo + " ORDER BY sequence_number "
                        + "DESC, movement DESC LIMIT ? OFFSET ?",
                (rs, n) -> new LedgerEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7)),
                paged);
        return new LedgerPage(entries, query.page(), query.size(), total);
    }

    /**
     * Captures summed per UTC day in Java, not in SQL: H2 and PostgreSQL turn an instant into a day differently. The
     * rows stream past; only the day totals are held.
     */
    @QueryHandler
    CreditUsage handle(FindCreditUsage query) {
        Map<LocalDate, Long> used = new HashMap<>();
        jdbc.query("SELECT occurred_at, amount FROM credit_ledger WHERE user_id = ? AND kind = 'captured' "
                        + "AND occurred_at >= ? AND occurred_at < ?",
                (RowCallbackHandler) rs -> used.merge(
                        rs.getTimestamp(1).toInstant().atOffset(ZoneOffset.UTC).toLocalDate(), rs.getLong(2),
                        Long::sum),
                query.userId(), Timestamp.from(query.from().atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        List<CreditUsage.Day> days = new ArrayList<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            days.add(new CreditUsage.Day(day, used.getOrDefault(day, 0L)));
        }
        return new CreditUsage(days);
    }

    private void write(String userId, long sequence, LedgerEntry entry) {
        write(userId, sequence, 0, entry);
    }

    /**
     * Written once per event and movement within it: checked first, since a failed insert would end PostgreSQL's
     * transaction.
     */
    private void write(String userId, long sequence, int movement, LedgerEntry entry) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE user_id = ? "
                + "AND sequence_number = ? AND movement = ?", Integer.class, userId, sequence, movement);
        if (present != null && present > 0) {
            return;
        }
        jdbc.update("INSERT INTO credit_ledger (user_id, sequence_number, movement, occurred_at, kind, amount, "
                        + "source, reference, available_after, reserved_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                userId, sequence, movement, Timestamp.from(entry.occurredAt()), entry.kind(), entry.amount(),
                entry.source(), entry.reference(), entry.availableAfter(), entry.reservedAfter());
    }

    private long availableBefore(String userId) {
        return latest(userId, "available_after");
    }

    private long reservedBefore(String userId) {
        return latest(userId, "reserved_after");
    }

    private long latest(String userId, String column) {
        return jdbc.queryForList("SELECT " + column + " FROM credit_ledger WHERE user_id = ? "
                        + "ORDER BY sequence_number DESC, movement DESC LIMIT 1", Long.class, userId)
                   .stream().findFirst().orElse(0L);
    }
}
