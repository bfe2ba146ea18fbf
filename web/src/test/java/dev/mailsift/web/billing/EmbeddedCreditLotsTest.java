package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.mailsift.web.billing.BillingTestClient.eventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The balance's lots over HTTP on the embedded default, against the Stripe stand-in. Money that goes back takes its
 * credits back: refunds in full and in part, a refund of a partly spent pack, and disputes, each delivered many times
 * and out of order. Plan credits that do not roll over lapse at their period's end. Every test holds the balance to
 * the event store's ledger: granted − captured − revoked − lapsed, never below zero.
 */
class EmbeddedCreditLotsTest extends EmbeddedBillingNode {

    static final StripeStandIn STRIPE = new StripeStandIn();

    @Autowired
    CommandGateway commands;
    @Autowired
    Serializer serializer;

    EmbeddedCreditLotsTest() {
        super(STRIPE);
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        BillingTestClient.registerEmbedded(registry, "mailsift-refunds-", STRIPE);
        // accounts here are snapshotted every few events: refunds find the lots in snapshots as well as in events
        registry.add("mailsift.snapshots.user-threshold", () -> "4");
        String[][] plans = {{"monthly-5k", "5000", "1900", "true"}, {"monthly-use-it", "5000", "1500", "false"}};
        for (int index = 0; index < plans.length; index++) {
            String plan = "mailsift.billing.plans[" + index + "].";
            String[] values = plans[index];
            registry.add(plan + "id", () -> values[0]);
            registry.add(plan + "credits-per-period", () -> values[1]);
            registry.add(plan + "interval", () -> "month");
            registry.add(plan + "amount", () -> values[2]);
            registry.add(plan + "currency", () -> "usd");
            registry.add(plan + "rollover", () -> values[3]);
        }
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.close();
    }

    @Test
    void aFullRefundOfAnUnspentPackTakesAllOfItsCreditsBackOnceWhenDeliveredFiveTimesShuffled() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = boughtStarterPack(user);
        String charge = STRIPE.chargeOf(sessionId);

        STRIPE.refund(charge, 900);
        deliverShuffled(List.of(STRIPE.chargeEvent("charge.refunded", charge),
                STRIPE.chargeEvent("charge.refunded", charge)), 5);

        assertThat(billing.awaitCredits(user, 0)).isZero();
        billing.awaitInboxSettled(charge);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("grantId").asText()).isEqualTo("checkout/" + sessionId);
            assertThat(revoked.get("amount").asLong()).isEqualTo(1000);
            assertThat(revoked.get("writtenOff").asLong()).isZero();
            assertThat(revoked.get("cause").asText()).isEqualTo("refund");
            assertThat(revoked.get("charge").asText()).isEqualTo(charge);
        });
        assertThat(ledger.assertBalanced(user.userId())).isZero();
        JsonNode latest = billing.awaitStatement(user, 2).get("entries").get(0);
        assertThat(latest.get("kind").asText()).isEqualTo("revoked");
        assertThat(latest.get("amount").asLong()).isEqualTo(1000);
        assertThat(latest.get("source").asText()).isEqualTo("refund");
        assertThat(latest.get("reference").asText()).isEqualTo("charge/" + charge);
        assertThat(latest.get("available_after").asLong()).isZero();
    }

    /** Rounded down, in the customer's favour: 300 of 900 cents is a third of 1,000 credits, 333.3, so 333. */
    @Test
    void partialRefundsTakeBackTheirShareByTheChargesCumulativeRefundedAmountInWhateverOrderTheyArrive()
            throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = boughtStarterPack(user);
        String charge = STRIPE.chargeOf(sessionId);

        STRIPE.refund(charge, 300);
        String first = STRIPE.chargeEvent("charge.refunded", charge);
        assertThat(billing.deliver(first).status()).isEqualTo(200);
        assertThat(billing.awaitCredits(user, 667)).isEqualTo(667);
        STRIPE.refund(charge, 150);
        String second = STRIPE.chargeEvent("charge.refunded", charge);
        deliverShuffled(List.of(second, first), 3); // the first again, after the second: Stripe's copy is re-read

        assertThat(billing.awaitCredits(user, 500)).isEqualTo(500);
        billing.awaitInboxSettled(charge);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsRevoked"))
                .extracting(revoked -> revoked.get("revocationId").asText(), revoked -> revoked.get("amount").asLong())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("charge/" + charge + "/refunds/300", 333L),
                        org.assertj.core.groups.Tuple.tuple("charge/" + charge + "/refunds/450", 167L));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(500);
    }

    @Test
    void aRefundAfterPartOfThePackWasSpentTakesOnlyTheUnspentAndRecordsTheRestWrittenOff() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = billing.signUpConfirmed(email);
        String sessionId = boughtStarterPack(user);
        String charge = STRIPE.chargeOf(sessionId);
        // a job's worth of verification spends 700 of the pack's credits
        assertThat((Boolean) commands.sendAndWait(new ReserveCredits(user.userId(), "job-spent", 700))).isTrue();
        commands.sendAndWait(new SettleReservation(user.userId(), "job-spent", 700));

        STRIPE.refund(charge, 900);
        deliverShuffled(List.of(STRIPE.chargeEvent("charge.refunded", charge)), 5);

        assertThat(billing.awaitCredits(user, 0)).isZero();
        billing.awaitInboxSettled(charge);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("amount").asLong()).isEqualTo(300);
            assertThat(revoked.get("writtenOff").asLong()).isEqualTo(700);
        });
        assertThat(ledger.assertBalanced(user.userId())).isZero();
        JsonNode entries = billing.awaitStatement(user, 5).get("entries");
        assertThat(entries).extracting(entry -> entry.get("kind").asText(), entry -> entry.get("amount").asLong(),
                        entry -> entry.get("available_after").asLong())
                .startsWith(org.assertj.core.groups.Tuple.tuple("written_off", 700L, 0L),
                        org.assertj.core.groups.Tuple.tuple("revoked", 300L, 0L),
                        org.assertj.core.groups.Tuple.tuple("captured", 700L, 300L));
        assertThat(entries.get(0).get("reference").asText()).isEqualTo("charge/" + charge);
        Reply csv = api.get("/api/v1/billing/ledger", user.token(), Map.of("Accept", "text/csv"));
        assertThat(csv.body()).contains(",written_off,700,refund,\"charge/" + charge + "\",0,0")
                              .contains(",revoked,300,refund,\"charge/" + charge + "\",0,0");
        String mailed = TestMailServer.textPart(awaitMailWithSubject(email, "MailSift credits were taken back"));
        assertThat(mailed).contains("after a refund of your payment " + charge, "300 taken from your",
                "700 of them already spent", "balance is now 0 credits");
    }

    /**
     * A dispute takes nothing while it is open; lost, it takes the pack back; won, it took nothing and gives nothing
     * back. Stripe's current record decides, so a late "created" after the close changes nothing.
     */
    @Test
    void aLostDisputeTakesThePackBackAndAWonDisputeTakesNothingWhateverTheOrderOfItsEvents() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String lostPack = boughtStarterPack(user);
        String wonPack = boughtStarterPack(user, 2000);
        String lost = STRIPE.dispute(STRIPE.chargeOf(lostPack));
        String won = STRIPE.dispute(STRIPE.chargeOf(wonPack));

        String lostOpened = STRIPE.disputeEvent("charge.dispute.created", lost);
        String wonOpened = STRIPE.disputeEvent("charge.dispute.created", won); // first delivered after the close
        assertThat(billing.deliver(lostOpened).status()).isEqualTo(200);
        billing.awaitInboxSettled(lost);
        assertThat(billing.awaitCredits(user, 2000)).isEqualTo(2000); // an open dispute takes nothing

        STRIPE.closeDispute(lost, "lost");
        STRIPE.closeDispute(won, "won");
        deliverShuffled(List.of(STRIPE.disputeEvent("charge.dispute.closed", lost),
                STRIPE.disputeEvent("charge.dispute.closed", won), lostOpened, wonOpened), 3);

        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        billing.awaitInboxSettled(lost);
        billing.awaitInboxSettled(won);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("grantId").asText()).isEqualTo("checkout/" + lostPack);
            assertThat(revoked.get("cause").asText()).isEqualTo("dispute");
            assertThat(revoked.get("basis").asText()).isEqualTo("dispute/" + lost);
            assertThat(revoked.get("amount").asLong()).isEqualTo(1000);
        });
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
        assertThat(billing.awaitStatement(user, 3).get("entries").get(0).get("source").asText()).isEqualTo("dispute");
    }

    @Test
    void aRefundedSubscriptionPeriodTakesBackThatPeriodsCredits() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = api.post("/api/v1/billing/checkout", user.token(), Map.of("plan", "monthly-5k")).json()
                              .get("id").asText();
        STRIPE.pay(sessionId);
        String invoice = STRIPE.invoiceOf(sessionId).get("id").asText();
        billing.deliver(STRIPE.invoiceEvent("invoice.paid", invoice));
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);
        String charge = STRIPE.chargeOfInvoice(invoice);

        STRIPE.refund(charge, 950); // half of 1,900 cents
        deliverShuffled(List.of(STRIPE.chargeEvent("charge.refunded", charge)), 2);

        assertThat(billing.awaitCredits(user, 2500)).isEqualTo(2500);
        billing.awaitInboxSettled(charge);
        assertThat(new EventLedger(dataSource).events(user.userId(), "CreditsRevoked")).singleElement()
                .satisfies(revoked -> assertThat(revoked.get("grantId").asText()).isEqualTo("invoice/" + invoice));
    }

    /** Stripe does not keep order: a refund reported before the purchase waits for it, retried, never dropped. */
    @Test
    void aRefundReportedBeforeThePurchaseWaitsForItAndThenTakesBackOnce() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();
        STRIPE.pay(sessionId);
        String charge = STRIPE.chargeOf(sessionId);
        STRIPE.refund(charge, 900);
        String refunded = STRIPE.chargeEvent("charge.refunded", charge);

        assertThat(billing.deliver(refunded).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT outcome FROM stripe_event_inbox WHERE event_id = ?", String.class, eventId(refunded)) != null);
        assertThat(jdbc.queryForObject("SELECT state FROM stripe_event_inbox WHERE event_id = ?", String.class,
                eventId(refunded))).isEqualTo("RECEIVED"); // to be retried
        assertThat(billing.deliver(STRIPE.event("checkout.session.completed", sessionId)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.queryForObject(
                "SELECT state FROM stripe_event_inbox WHERE event_id = ?", String.class, eventId(refunded)),
                "HANDLED"::equals);
        assertThat(billing.awaitCredits(user, 0)).isZero();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsGranted")).hasSize(1);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement()
                .satisfies(revoked -> assertThat(revoked.get("amount").asLong()).isEqualTo(1000));
        assertThat(ledger.assertBalanced(user.userId())).isZero();
    }

    /** A plan sold without rollover: its period's credits are spent first and what is left lapses at its end. */
    @Test
    void aPlanPeriodsUnspentCreditsLapseAtItsEndAndAPacksStay() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = billing.signUpConfirmed(email);
        boughtStarterPack(user);
        JsonNode plan = api.get("/api/v1/billing/catalogue", null).json().get("plans").get(1);
        assertThat(plan.get("id").asText()).isEqualTo("monthly-use-it");
        assertThat(plan.get("rollover").asBoolean()).isFalse();
        String sessionId = api.post("/api/v1/billing/checkout", user.token(), Map.of("plan", "monthly-use-it"))
                              .json().get("id").asText();
        STRIPE.periodLength(Duration.ofSeconds(8));
        try {
            STRIPE.pay(sessionId);
        } finally {
            STRIPE.periodLength(Duration.ofDays(30));
        }
        String invoice = STRIPE.invoiceOf(sessionId).get("id").asText();
        billing.deliver(STRIPE.invoiceEvent("invoice.paid", invoice));
        assertThat(billing.awaitCredits(user, 6000)).isEqualTo(6000);
        assertThat((Boolean) commands.sendAndWait(new ReserveCredits(user.userId(), "job-lapse", 1500))).isTrue();
        commands.sendAndWait(new SettleReservation(user.userId(), "job-lapse", 1500)); // from the period's credits

        await().atMost(Duration.ofSeconds(30)).until(() -> billing.credits(user) == 1000);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsGranted").get(1).get("expiresAt").asText())
                .isEqualTo(java.time.Instant.ofEpochSecond(STRIPE.invoiceOf(sessionId)
                        .at("/lines/data/0/period/end").asLong()).toString());
        assertThat(ledger.events(user.userId(), "CreditsExpired")).singleElement().satisfies(lapse -> {
            assertThat(lapse.get("grantId").asText()).isEqualTo("invoice/" + invoice);
            assertThat(lapse.get("amount").asLong()).isEqualTo(3500);
        });
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
        JsonNode latest = billing.awaitStatement(user, 5).get("entries").get(0);
        assertThat(latest.get("kind").asText()).isEqualTo("lapsed");
        assertThat(latest.get("amount").asLong()).isEqualTo(3500);
        assertThat(latest.get("source").asText()).isEqualTo("subscription_period");
        assertThat(latest.get("reference").asText()).isEqualTo("invoice/" + invoice);
        assertThat(latest.get("available_after").asLong()).isEqualTo(1000);
        MimeMessage lapsed = awaitMailWithSubject(email, "3,500 MailSift plan credits lapsed");
        assertThat(TestMailServer.textPart(lapsed)).contains("balance is now 1,000 credits");
    }

    /** The one message to {@code address} whose subject starts so (a second would be a duplicate mail). */
    private static MimeMessage awaitMailWithSubject(String address, String subjectStart) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> TestMailServer.messagesTo(address).stream()
                .filter(message -> {
                    try {
                        return message.getSubject().startsWith(subjectStart);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList(), found -> found.size() == 1).getFirst();
    }

    @Test
    void anAccountLoadedFromItsSnapshotTakesBackFromTheRightLot() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = billing.signUpConfirmed(email);
        String first = boughtStarterPack(user);
        String second = boughtStarterPack(user, 2000);
        for (int job = 0; job < 3; job++) { // 400 spent, all from the first pack (the oldest)
            commands.sendAndWait(new ReserveCredits(user.userId(), "job-" + job, 200));
            commands.sendAndWait(new SettleReservation(user.userId(), "job-" + job, job == 2 ? 0 : 200));
        }
        JsonNode snapshot = await().atMost(Duration.ofSeconds(20)).until(() -> latestSnapshot(user.userId()),
                java.util.Objects::nonNull);
        assertThat(snapshot.at("/credits/lots").fieldNames()).toIterable()
                .containsExactly("checkout/" + first, "checkout/" + second);

        STRIPE.refund(STRIPE.chargeOf(first), 900);
        billing.deliver(STRIPE.chargeEvent("charge.refunded", STRIPE.chargeOf(first)));

        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        billing.awaitInboxSettled(STRIPE.chargeOf(first));
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement().satisfies(revoked -> {
            assertThat(revoked.get("amount").asLong()).isEqualTo(600);
            assertThat(revoked.get("writtenOff").asLong()).isEqualTo(400);
        });
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
    }

    /** The account's latest snapshot as the service reads it back (through its own serializer), or null. */
    private JsonNode latestSnapshot(String userId) throws Exception {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT payload, payloadtype, payloadrevision "
                + "FROM snapshotevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC", userId);
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> row = rows.get(0);
        byte[] payload = (byte[]) row.get("payload");
        Object user = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                new SimpleSerializedType((String) row.get("payloadtype"), (String) row.get("payloadrevision"))));
        assertThat(user.getClass().getSimpleName()).isEqualTo("User");
        return new ObjectMapper().readTree(payload);
    }

    private String boughtStarterPack(Session user) throws InterruptedException {
        return boughtStarterPack(user, 1000);
    }

    /** Buys the starter pack (1,000 credits for 900 cents) and waits until the balance is {@code expected}. */
    private String boughtStarterPack(Session user, long expected) throws InterruptedException {
        String sessionId = billing.paidCheckout(user, "pack", "starter");
        assertThat(billing.awaitCredits(user, expected)).isEqualTo(expected);
        return sessionId;
    }

    /** Each event {@code copies} times, shuffled, three at a time: Stripe retries and does not keep order. */
    private void deliverShuffled(List<String> events, int copies) throws Exception {
        List<String> deliveries = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            deliveries.addAll(events);
        }
        Collections.shuffle(deliveries);
        try (ExecutorService stripe = Executors.newFixedThreadPool(3)) {
            List<Future<Reply>> replies = deliveries.stream().map(event -> stripe.submit(() -> billing.deliver(event)))
                                                    .toList();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        }
    }
}
