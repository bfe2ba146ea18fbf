package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.TestMailServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.mailsift.web.support.FailureTestSupport.account;
import static dev.mailsift.web.support.FailureTestSupport.awaitBalance;
import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One account spending from many threads at once over HTTP, as a hostile client would: 200 single verifications
 * fired together, each retried (ignoring {@code Retry-After}) whenever the answer says to retry. Every answer is
 * 200, 402 or a retryable 409/429/503 problem, never a 500; another account is served meanwhile; and the event
 * store shows every reservation ended exactly once, with no credit stranded. Addresses at {@link HeldSmtp}'s
 * domain ({@code fast…}) are deliverable at once, so every verdict is billable.
 */
abstract class ConcurrentSpendingContract {

    static final int REQUESTS = 200;
    private static final Set<Integer> RETRYABLE = Set.of(409, 429, 503);

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    CommandGateway commands;

    ApiClient api;
    EventLedger ledger;

    static void spendingProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        HeldSmtp.register(registry);
        // a settlement that fails under the burst's load falls to the hold: short here, so the tests see it end
        registry.add("mailsift.verification.hold", () -> "PT20S");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        ledger = new EventLedger(dataSource);
    }

    @Test
    void twoHundredVerificationsAtOnceOnThreeHundredCreditsAreAllAnsweredAndEachReservationEndsOnce()
            throws Exception {
        Session spender = confirmedCustomer(api, 300);
        Burst burst = burst(spender.token(), "rich");

        assertThat(burst.unexpected()).as("answers other than 200, 402 or a retryable problem").isEmpty();
        assertThat(burst.finalStatuses()).as("final answers").hasSize(REQUESTS).containsOnly(200);
        assertThat(burst.otherUsersReads()).as("another user's reads during the burst").isNotEmpty()
                                           .containsOnly(200);

        long captured = assertEveryReservationEndedOnce(spender.userId(), REQUESTS);
        assertThat(captured).as("captured = what the answers said was charged").isEqualTo(burst.charged());
        assertThat(captured).isEqualTo(REQUESTS - ledger.events(spender.userId(), "CreditReservationExpired").size());
        awaitBalance(api, spender.token(), 300 - captured);
        assertThat(ledger.assertBalanced(spender.userId())).isEqualTo(300 - captured);
    }

    @Test
    void twoHundredVerificationsAtOnceOnFiftyCreditsSpendNoMoreThanFiftyAndRefuseTheRestWith402()
            throws Exception {
        Session spender = confirmedCustomer(api, 50);
        Burst burst = burst(spender.token(), "poor");

        assertThat(burst.unexpected()).as("answers other than 200, 402 or a retryable problem").isEmpty();
        long verified = burst.finalStatuses().stream().filter(status -> status == 200).count();
        long refused = burst.finalStatuses().stream().filter(status -> status == 402).count();
        assertThat(verified + refused).isEqualTo(REQUESTS);
        assertThat(verified).isGreaterThanOrEqualTo(50);
        assertThat(burst.otherUsersReads()).as("another user's reads during the burst").isNotEmpty()
                                           .containsOnly(200);

        long captured = assertEveryReservationEndedOnce(spender.userId(), (int) verified);
        assertThat(captured).as("captured = what the answers said was charged").isEqualTo(burst.charged());
        long expired = ledger.events(spender.userId(), "CreditReservationExpired").size();
        // each verification is billable: captured, unless its settlement failed under the load and fell to its
        // hold, whose credit came back (and may have been spent again)
        assertThat(captured).isEqualTo(verified - expired).isLessThanOrEqualTo(50);
        assertThat(verified).isLessThanOrEqualTo(50 + expired);
        awaitBalance(api, spender.token(), 50 - captured);
        assertThat(ledger.assertBalanced(spender.userId())).isEqualTo(50 - captured);
    }

    @Test
    void aReservationWhoseSettlementIsLostIsReleasedWhenItsHoldRunsOutAndALateSettlementChargesNothing() {
        Session spender = confirmedCustomer(api, 5);
        String reservationId = "verification-lost-" + UUID.randomUUID();
        // what a request does before it dies: the reservation is recorded, the settlement never comes
        Boolean reserved = commands.sendAndWait(new ReserveCredits(spender.userId(), reservationId, 1,
                Duration.ofSeconds(2)));
        assertThat(reserved).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(account(api, spender.token()).get("credits_reserved").asLong()).isEqualTo(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ledger.events(spender.userId(), "CreditReservationExpired")).hasSize(1));
        awaitBalance(api, spender.token(), 5);

        commands.sendAndWait(new SettleReservation(spender.userId(), reservationId, 1));
        assertThat(ledger.settlement(spender.userId(), reservationId))
                .isEqualTo(new EventLedger.Settlement(1, 0, 0, 1));
        assertThat(ledger.assertBalanced(spender.userId())).isEqualTo(5);

        // a verification over HTTP still settles at once, before any hold runs out
        Reply verified = api.post("/api/v1/verifications", spender.token(), Map.of("email", "fast-after@"
                + HeldSmtp.DOMAIN));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("credits_charged").asLong()).isEqualTo(1);
        awaitBalance(api, spender.token(), 4);
    }

    @Test
    void aRequestBeyondThePerPrincipalCapIsTurnedAwayWith429AndRetryAfter() throws Exception {
        Session spender = confirmedCustomer(api, 100);
        HeldSmtp.hold();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> held = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String email = "held-cap-" + i + "@" + HeldSmtp.DOMAIN;
                held.add(pool.submit(() -> api.post("/api/v1/verifications", spender.token(), Map.of("email", email))));
            }
            HeldSmtp.awaitHeld(16);
            Reply turnedAway = api.post("/api/v1/verifications", spender.token(),
                    Map.of("email", "fast-cap@" + HeldSmtp.DOMAIN));
            assertThat(turnedAway.status()).isEqualTo(429);
            assertThat(turnedAway.contentType()).startsWith("application/problem+json");
            assertThat(turnedAway.json().get("type").asText()).isEqualTo("urn:mailsift:problem:concurrency-limited");
            assertThat(turnedAway.header("Retry-After")).isEqualTo("1");
            Session other = confirmedCustomer(api, 1);
            assertThat(api.get("/api/v1/account", other.token()).status()).isEqualTo(200);

            HeldSmtp.release();
            for (Future<Reply> reply : held) {
                assertThat(reply.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            HeldSmtp.release();
            pool.shutdownNow();
        }
        awaitBalance(api, spender.token(), 84);
        assertThat(ledger.assertBalanced(spender.userId())).isEqualTo(84);
    }

    /**
     * The figure: one account at the cap ({@value #CAP} clients, each sending its next verification when the last
     * is answered) sustains this many verifications per second, first of addresses refused on syntax (reserve and
     * release only: the credit path, no network), then of deliverable ones (reserve, an SMTP session on loopback,
     * capture). Every answer is 200, bar a rare 429 when a client's next request overtakes the end of its last.
     */
    @Test
    void oneAccountAtThePerPrincipalCapIsServedWithoutErrors() throws Exception {
        Session spender = confirmedCustomer(api, 10_000);
        Measured creditPath = closedLoop(spender.token(), 25, client -> "not an address " + client);
        Measured verified = closedLoop(spender.token(), 10, client -> "fast-measured-" + client + "-"
                + UUID.randomUUID() + "@" + HeldSmtp.DOMAIN);
        System.out.printf("one account, %d clients: %s (syntax refusals: reserve + release); %s (deliverable over "
                + "loopback SMTP: reserve + probe + capture)%n", CAP, creditPath, verified);
        assertThat(creditPath.failures()).isEmpty();
        assertThat(verified.failures()).isEmpty();
        long captured = assertEveryReservationEndedOnce(spender.userId(), (int) (creditPath.ok() + verified.ok()));
        assertThat(captured).isEqualTo(verified.ok());
    }

    static final int CAP = 16;

    record Measured(long ok, long turnedAway, List<String> failures, double seconds) {
        @Override
        public String toString() {
            return String.format("%d verifications in %.1f s = %.0f/s, %d turned away (429)", ok, seconds,
                    ok / seconds, turnedAway);
        }
    }

    private Measured closedLoop(String token, int perClient, java.util.function.IntFunction<String> email)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CAP);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong ok = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong turnedAway = new java.util.concurrent.atomic.AtomicLong();
        long started = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CAP; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        Reply reply = api.post("/api/v1/verifications", token, Map.of("email", email.apply(client)));
                        if (reply.status() == 200) {
                            ok.incrementAndGet();
                        } else if (reply.status() == 429) {
                            turnedAway.incrementAndGet();
                            i--;
                        } else {
                            failures.add(reply.status() + " " + reply.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Measured(ok.get(), turnedAway.get(), List.copyOf(failures), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Waits until every reservation made on the user's balance has ended (a settlement that failed under the load
     * ends when its hold runs out), then checks each was for a verification and ended exactly once: captured,
     * released, or expired, adding up to its amount.
     *
     * @return the credits captured
     */
    private long assertEveryReservationEndedOnce(String userId, int reservations) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                ledger.events(userId, "CreditsCaptured").size() + ledger.events(userId, "CreditsReleased").size()
                        + ledger.events(userId, "CreditReservationExpired").size()).isEqualTo(reservations));
        List<String> ids = ledger.reservationIds(userId);
        assertThat(ids).hasSize(reservations).doesNotHaveDuplicates().allMatch(id -> id.startsWith("verification-"));
        long captured = 0;
        long expired = 0;
        for (String id : ids) {
            EventLedger.Settlement settlement = ledger.settlement(userId, id);
            assertThat(settlement.captured() + settlement.released() + settlement.expired())
                    .as("settlement of " + id).isEqualTo(settlement.reserved());
            captured += settlement.captured();
            expired += settlement.expired();
        }
        System.out.printf("%d reservations: %d credits captured, %d released by their hold%n", ids.size(), captured,
                expired);
        return captured;
    }

    /** What a burst saw: the answers along the way, and each request's final answer. */
    record Burst(List<String> unexpected, List<Integer> finalStatuses, long charged, List<Integer> otherUsersReads) {
    }

    /**
     * Fires {@value #REQUESTS} verifications by one account at the same moment; each client retries a retryable
     * answer after 100–300 ms (sooner than {@code Retry-After} asks) until it gets 200 or 402. Meanwhile another
     * account reads its own account over and over.
     */
    private Burst burst(String token, String tag) throws Exception {
        Session reader = confirmedCustomer(api, 1);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        Map<Integer, Integer> finalStatuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> charged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS + 1);
        CountDownLatch start = new CountDownLatch(1);
        long started = System.nanoTime();
        try {
            pool.submit(() -> {
                start.await();
                while (running.get()) {
                    Reply read = api.get("/api/v1/account", reader.token());
                    reads.add(read.status());
                    Thread.sleep(50);
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int client = i;
                String email = "fast-" + tag + "-" + i + "@" + HeldSmtp.DOMAIN;
                clients.add(pool.submit(() -> {
                    start.await();
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (true) {
                        Reply reply = api.post("/api/v1/verifications", token, Map.of("email", email));
                        if (reply.status() == 200) {
                            charged.add(reply.json().get("credits_charged").asLong());
                        }
                        if (reply.status() == 200 || reply.status() == 402) {
                            finalStatuses.put(client, reply.status());
                            return null;
                        }
                        if (!RETRYABLE.contains(reply.status()) || !reply.contentType()
                                .startsWith("application/problem+json") || (reply.status() != 409
                                && reply.header("Retry-After") == null)) {
                            unexpected.add(reply.status() + " " + reply.body());
                            finalStatuses.put(client, reply.status());
                            return null;
                        }
                        if (System.nanoTime() > giveUp) {
                            unexpected.add("still " + reply.status() + " after 120 s");
                            return null;
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
                    }
                }));
            }
            start.countDown();
            for (Future<?> client : clients) {
                client.get(180, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long successes = finalStatuses.values().stream().filter(status -> status == 200).count();
        System.out.printf("burst %s: %d requests answered in %.1f s; %d verified (%.0f/s), %d reads by another "
                + "user%n", tag, REQUESTS, seconds, successes, successes / seconds, reads.size());
        return new Burst(List.copyOf(unexpected), List.copyOf(finalStatuses.values()),
                charged.stream().mapToLong(Long::longValue).sum(), List.copyOf(reads));
    }
}
