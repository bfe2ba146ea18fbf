package dev.mailsift.web.webhooks;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one attempt. Apache HttpClient 5 with a {@link DnsResolver} that resolves the name, keeps only the
 * addresses {@link AddressPolicy} allows and hands exactly those to the connection: nothing resolves the name
 * again between the check and the connect, and TLS still sees (and verifies) the host name. No redirects, no
 * proxy, and a hard deadline for the whole attempt, so a receiver that answers a byte at a time cannot hold a
 * sender thread for longer than the timeout.
 */
final class WebhookHttpClient implements AutoCloseable {

    static final int MAX_RESPONSE_BODY = 1024;

    private final CloseableHttpClient client;
    private final AddressPolicy policy;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookHttpClient(AddressPolicy policy, Duration timeout, int maxConnections) {
        this.policy = policy;
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                                 .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                         .setDnsResolver(new CheckingResolver(policy))
                                         .setMaxConnTotal(maxConnections)
                                         .setMaxConnPerRoute(maxConnections)
                                         .setDefaultConnectionConfig(ConnectionConfig.custom()
                                                 .setConnectTimeout(limit).setSocketTimeout(limit).build())
                                         .build())
                                 .setDefaultRequestConfig(RequestConfig.custom()
                                         .setRedirectsEnabled(false)
                                         .setConnectionRequestTimeout(limit)
                                         .setResponseTimeout(limit).build())
                                 .disableRedirectHandling()
                                 .disableAutomaticRetries()
                                 .disableCookieManagement()
                                 .disableAuthCaching()
                                 .setUserAgent("MailSift-Webhooks/1")
                                 .build();
    }

    /**
     * What one attempt came to: a status (any, 2xx or not), or an error before any status.
     *
     * @param address      the address the attempt was sent to, or {@code null} when no connection was made
     * @param responseBody the first {@value #MAX_RESPONSE_BODY} bytes of the answer, only from a public address
     */
    record Outcome(Integer status, Duration latency, String error, String responseBody, Duration retryAfter,
                   String address) {

        Outcome(Duration latency, String error) {
            this(null, latency, error, null, null, null);
        }

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    Outcome post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        HttpClientContext context = HttpClientContext.create();
        try {
            return client.execute(post, context, response -> {
                InetAddress remote = remoteAddress(context);
                boolean publicTarget = remote != null && policy.isPublic(remote);
                return new Outcome(response.getCode(), since(started), null,
                        publicTarget ? readBounded(response) : null, retryAfter(response),
                        remote == null ? null : remote.getHostAddress());
            });
        } catch (AddressPolicy.RefusedAddressException e) {
            return new Outcome(since(started), e.getMessage());
        } catch (UnknownHostException e) {
            return new Outcome(since(started), "unknown host: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            String error = post.isCancelled() ? "timed out after " + timeout.toSeconds() + " s"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(since(started), error);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The peer of the connection the answer came on: one of the addresses the checking resolver handed out. */
    private static InetAddress remoteAddress(HttpClientContext context) {
        EndpointDetails endpoint = context.getEndpointDetails();
        return endpoint != null && endpoint.getRemoteAddress() instanceof InetSocketAddress socket
                ? socket.getAddress() : null;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String readBounded(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return null;
        }
        try (InputStream in = response.getEntity().getContent()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Retry-After as seconds or an HTTP date; only on 429 and 503, where it means "not before". */
    private static Duration retryAfter(ClassicHttpResponse response) {
        if (response.getCode() != 429 && response.getCode() != 503) {
            return null;
        }
        Header header = response.getFirstHeader("Retry-After");
        if (header == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** Resolves, checks, and answers only the allowed addresses: the connection can reach no other. */
    private record CheckingResolver(AddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolveAllowed(host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
