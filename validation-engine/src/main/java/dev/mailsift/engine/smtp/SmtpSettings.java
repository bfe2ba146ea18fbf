package dev.mailsift.engine.smtp;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the prober talks SMTP.
 *
 * @param port                     25 in production; tests use a random port
 * @param heloName                 EHLO/HELO argument: use a name whose A and PTR records match your address
 * @param mailFrom                 reverse path for MAIL FROM; empty for the null reverse path {@code <>}
 * @param connectTimeout           TCP connect
 * @param commandTimeout           each reply (banner included)
 * @param startTls                 upgrade with STARTTLS when offered
 * @param socksProxy               SOCKS5 proxy, or null for direct connections
 * @param maxRecipientsPerSession  RCPTs per SMTP transaction, the catch-all probe included (RSET + MAIL FROM opens
 *                                 the next one); a pipelined group is at most one transaction
 * @param greylistDelay            wait before retrying a 4xx RCPT once; zero disables the retry
 * @param catchAllCheck            probe a random local part to detect accept-all domains
 */
public record SmtpSettings(int port, String heloName, String mailFrom, Duration connectTimeout, Duration commandTimeout,
                           boolean startTls, InetSocketAddress socksProxy, int maxRecipientsPerSession,
                           Duration greylistDelay, boolean catchAllCheck) {
}
