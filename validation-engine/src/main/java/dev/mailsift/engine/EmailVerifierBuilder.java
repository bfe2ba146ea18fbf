package dev.mailsift.engine;

import dev.mailsift.engine.lists.DomainLists;
import dev.mailsift.engine.syntax.EmailSyntax;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/** Options for {@link EmailVerifier}; every one has a production default. Start with {@link EmailVerifier#builder()}. */
public final class EmailVerifierBuilder {

    // Package-private: EmailVerifier reads them once, when it is built.
    boolean offline;
    String dnsHost;
    int dnsPort = 53;
    Duration dnsTimeout = Duration.ofSeconds(5);
    int maxDnsQueries = 64;
    boolean smtpProbe = true;
    int smtpPort = 25;
    String heloName = "localhost.localdomain";
    String mailFrom;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration commandTimeout = Duration.ofSeconds(30);
    boolean startTls = true;
    InetSocketAddress socksProxy;
    int maxConnectionsPerHost = 5;
    int maxRecipientsPerSession = 25;
    int maxConcurrentDomains = 1000;
    Duration greylistDelay = Duration.ofSeconds(30);
    boolean catchAllCheck = true;
    Duration catchAllTtl = Duration.ofHours(1);
    DomainLists lists;
    EmailSyntax syntax;

    EmailVerifierBuilder() {
    }

    /** Syntax and lists only: no DNS, no SMTP, no network at all. */
    public EmailVerifierBuilder offline(boolean offline) {
        this.offline = offline;
        return this;
    }

    /** Resolver to ask (default: the system's resolvers). */
    public EmailVerifierBuilder dnsServer(String host, int port) {
        this.dnsHost = Objects.requireNonNull(host);
        this.dnsPort = port;
        return this;
    }

    /** {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    public EmailVerifierBuilder dnsServer(String hostPort) {
        EmailVerifier.HostPort hp = EmailVerifier.HostPort.parse(hostPort, 53);
        return dnsServer(hp.host(), hp.port());
    }

    public EmailVerifierBuilder dnsTimeout(Duration timeout) {
        this.dnsTimeout = timeout;
        return this;
    }

    public EmailVerifierBuilder maxDnsQueries(int n) {
        this.maxDnsQueries = n;
        return this;
    }

    /** Off: syntax, lists and DNS only; a domain that takes mail gives {@code unknown}/{@code not_checked}. */
    public EmailVerifierBuilder smtpProbe(boolean enabled) {
        this.smtpProbe = enabled;
        return this;
    }

    public EmailVerifierBuilder smtpPort(int port) {
        this.smtpPort = port;
        return this;
    }

    public EmailVerifierBuilder heloName(String name) {
        this.heloName = Objects.requireNonNull(name);
        return this;
    }

    /** Reverse path for MAIL FROM; "" sends the null reverse path. Default {@code verify@<helo name>}. */
    public EmailVerifierBuilder mailFrom(String address) {
        this.mailFrom = address;
        return this;
    }

    public EmailVerifierBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** Time allowed for each SMTP reply. */
    public EmailVerifierBuilder commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    public EmailVerifierBuilder startTls(boolean enabled) {
        this.startTls = enabled;
        return this;
    }

    /** SOCKS5 proxy for SMTP connections. */
    public EmailVerifierBuilder socksProxy(String host, int port) {
        this.socksProxy = InetSocketAddress.createUnresolved(host, port);
        return this;
    }

    public EmailVerifierBuilder maxConnectionsPerHost(int n) {
        this.maxConnectionsPerHost = n;
        return this;
    }

    /**
     * RCPTs per SMTP transaction, the catch-all probe included (default 25); a session that has more to ask opens a
     * new transaction with RSET and MAIL FROM, and a server's 452 4.5.3 lowers it. A domain's sessions draw from one
     * queue of its addresses, as many at once as {@link #maxConnectionsPerHost} allows and the queue is worth.
     */
    public EmailVerifierBuilder maxRecipientsPerSession(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need room for the catch-all probe and one address");
        }
        this.maxRecipientsPerSession = n;
        return this;
    }

    public EmailVerifierBuilder maxConcurrentDomains(int n) {
        this.maxConcurrentDomains = n;
        return this;
    }

    /** Wait before retrying a 4xx (greylisted) answer once; {@link Duration#ZERO} disables the retry. */
    public EmailVerifierBuilder greylistDelay(Duration delay) {
        this.greylistDelay = delay;
        return this;
    }

    public EmailVerifierBuilder catchAllCheck(boolean enabled) {
        this.catchAllCheck = enabled;
        return this;
    }

    public EmailVerifierBuilder catchAllTtl(Duration ttl) {
        this.catchAllTtl = ttl;
        return this;
    }

    public EmailVerifierBuilder lists(DomainLists lists) {
        this.lists = lists;
        return this;
    }

    public EmailVerifierBuilder syntax(EmailSyntax syntax) {
        this.syntax = syntax;
        return this;
    }

    public EmailVerifier build() {
        return new EmailVerifier(this);
    }
}
