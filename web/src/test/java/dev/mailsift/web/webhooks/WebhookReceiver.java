package dev.mailsift.web.webhooks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A webhook receiver on loopback (JDK HttpServer): records every request and answers with the next scripted
 * status (then {@code 204} for ever), after {@link #delay(Duration)} if one is set. Requests are handled on threads
 * of their own, so it sees how many attempts a sender has in flight at once.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-cased. */
    record Received(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile Consumer<Received> onArrival = received -> { };

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Received request = new Received(exchange.getRequestURI().getPath(), headers, body);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                onArrival.accept(request);
                received.add(request);
                Thread.sleep(delay.toMillis());
                Answer answer;
                synchronized (script) {
                    answer = script.isEmpty() ? new Answer(204, Map.of(), null) : script.poll();
                }
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                if (answer.body() == null) {
                    exchange.sendResponseHeaders(answer.status(), -1);
                } else {
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.setExecutor(handlers);
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    WebhookReceiver answer(int... statuses) {
        synchronized (script) {
            for (int status : statuses) {
                script.add(new Answer(status, Map.of(), null));
            }
        }
        return this;
    }

    WebhookReceiver answer(int status, Map<String, String> headers) {
        synchronized (script) {
            script.add(new Answer(status, headers, null));
        }
        return this;
    }

    /** The next request is answered with this status and body. */
    WebhookReceiver answerWithBody(int status, String body) {
        synchronized (script) {
            script.add(new Answer(status, Map.of(), body));
        }
        return this;
    }

    /** Every answer from now on comes this late. */
    WebhookReceiver delay(Duration wait) {
        this.delay = wait;
        return this;
    }

    /** Runs as each request arrives, while its sender still waits for the answer. */
    WebhookReceiver onArrival(Consumer<Received> action) {
        this.onArrival = action;
        return this;
    }

    /** Requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }

    /** The most requests that were being answered at one moment. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
