package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.mailsift.web.billing.BillingTestClient.eventId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing on the embedded default, against a Stripe stand-in reached through stripe-java: the trial credits, the
 * catalogue, a pack bought through Checkout and granted once whatever Stripe's deliveries do, and the webhook's
 * signature checks. Every test holds the balance to the event store's ledger.
 */
class EmbeddedBillingTest extends EmbeddedBillingNode {

    static final long TRIAL_CREDITS = 25;
    static final StripeStandIn STRIPE = new StripeStandIn();

    EmbeddedBillingTest() {
        super(STRIPE);
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        BillingTestClient.registerEmbedded(registry, "mailsift-billing-", STRIPE);
        registry.add("mailsift.billing.sign-up-credits", () -> Long.toString(TRIAL_CREDITS));
    }

    @Test
    void aConfirmedAccountGetsTheTrialCreditsOnceAsASignUpGrant() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        assertThat(billing.credits(user)).isZero();

        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        Map<String, String> confirmation = Map.of("email", email, "code", code);
        assertThat(api.post("/api/v1/auth/confirm-email", null, confirmation).status()).isEqualTo(200);
        assertThat(billing.awaitCredits(user, TRIAL_CREDITS)).isEqualTo(TRIAL_CREDITS);
        // the same code again confirms nothing new, so grants nothing new
        assertThat(api.post("/api/v1/auth/confirm-email", null, confirmation).status()).isEqualTo(200);

        EventLedger ledger = new EventLedger(dataSource);
        List<JsonNode> grants = ledger.events(user.userId(), "CreditsGranted");
        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(grant.get("amount").asLong()).isEqualTo(TRIAL_CREDITS);
            assertThat(grant.get("source").asText()).isEqualTo("sign_up");
            assertThat(grant.get("grantId").asText()).isEqualTo("sign-up/" + user.userId());
        });
        assertThat(billing.credits(user)).isEqualTo(TRIAL_CREDITS);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(TRIAL_CREDITS);
    }

    @Test
    void anOperatorsGrantIsRecordedAsTheOperatorsAndAnUnconfirmedAccountGetsNoTrial() {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        assertThat(api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin,
                Map.of("amount", 7, "reason", "goodwill")).status()).isEqualTo(200);

        List<JsonNode> grants = new EventLedger(dataSource).events(user.userId(), "CreditsGranted");
        assertThat(grants).singleElement()
                          .satisfies(grant -> assertThat(grant.get("source").asText()).isEqualTo("operator"));
    }

    // --- catalogue and checkout -------------------------------------------------------------------------

    @Test
    void theCatalogueListsThePacksOnSaleToAnyone() {
        Reply catalogue = api.get("/api/v1/billing/catalogue", null);

        assertThat(catalogue.status()).isEqualTo(200);
        JsonNode starter = catalogue.json().get("packs").get(0);
        assertThat(starter.get("id").asText()).isEqualTo("starter");
        assertThat(starter.get("credits").asLong()).isEqualTo(1000);
        assertThat(starter.get("amount").asLong()).isEqualTo(900);
        assertThat(starter.get("currency").asText()).isEqualTo("usd");
        assertThat(catalogue.json().get("packs")).hasSize(3);
        JsonNode monthly = catalogue.json().get("plans").get(0);
        assertThat(monthly.get("id").asText()).isEqualTo("monthly-5k");
        assertThat(monthly.get("credits_per_period").asLong()).isEqualTo(5000);
        assertThat(monthly.get("interval").asText()).isEqualTo("month");
        assertThat(monthly.get("amount").asLong()).isEqualTo(1900);
        assertThat(monthly.get("rollover").asBoolean()).isTrue();
    }

    @Test
    void aCheckoutIsAStripeSessionForTheAccountsOneCustomerCarryingTheAccountAndThePack() {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");

        Reply first = billing.checkout(user, "growth");
        Reply second = billing.checkout(user, "starter");

        assertThat(first.status()).isEqualTo(201);
        String sessionId = first.json().get("id").asText();
        assertThat(first.json().get("url").asText()).isEqualTo("https://checkout.stripe.test/c/pay/" + sessionId);
        assertThat(first.headers("Location")).containsExactly("/api/v1/billing/checkout/" + sessionId);
        JsonNode session = STRIPE.session(sessionId);
        assertThat(session.get("client_reference_id").asText()).isEqualTo(user.userId());
        assertThat(session.get("metadata").get("pack_id").asText()).isEqualTo("growth");
        assertThat(session.get("amount_total").asLong()).isEqualTo(4900);
        assertThat(session.get("success_url").asText())
                .isEqualTo("https://app.mailsift.test/billing?checkout={CHECKOUT_SESSION_ID}");
        assertThat(STRIPE.customersOf(user.userId())).hasSize(1);
        assertThat(STRIPE.session(second.json().get("id").asText()).get("customer").asText())
                .isEqualTo(session.get("customer").asText());
        assertThat(new EventLedger(dataSource).events(session.get("customer").asText(), "CheckoutStarted"))
                .hasSize(2);
    }

    @Test
    void aPaidPackIsGrantedOnceHoweverOftenAndInWhateverOrderStripeReportsIt() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();

        // completed before the (asynchronous) payment went through: nothing to grant yet
        assertThat(billing.deliver(STRIPE.event("checkout.session.completed", sessionId)).status()).isEqualTo(200);
        STRIPE.pay(sessionId);
        String succeeded = STRIPE.event("checkout.session.async_payment_succeeded", sessionId);
        List<String> deliveries = List.of(succeeded, succeeded, STRIPE.event("checkout.session.completed", sessionId),
                STRIPE.event("checkout.session.async_payment_succeeded", sessionId), succeeded);
        try (ExecutorService stripe = Executors.newFixedThreadPool(3)) {
            List<Future<Reply>> replies = new ArrayList<>();
            for (String delivery : deliveries) {
                replies.add(stripe.submit(() -> billing.deliver(delivery)));
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        }

        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(api.get("/api/v1/billing/checkout/" + sessionId, user.token()).json().get("fulfilled").asBoolean())
                .isTrue();
        billing.awaitInboxSettled(sessionId);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsGranted")).singleElement().satisfies(grant -> {
            assertThat(grant.get("grantId").asText()).isEqualTo("checkout/" + sessionId);
            assertThat(grant.get("source").asText()).isEqualTo("pack_purchase");
            assertThat(grant.get("amount").asLong()).isEqualTo(1000);
        });
        assertThat(ledger.events(STRIPE.session(sessionId).get("customer").asText(), "PackPurchased")).hasSize(1);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event_inbox WHERE payload LIKE ?", Long.class,
                "%" + sessionId + "%")).isEqualTo(4); // five deliveries of four events
        MimeMessage receipt = TestMailServer.awaitMessage(email, 2); // after the confirmation code's
        assertThat(receipt.getSubject()).isEqualTo("Your MailSift receipt: 1,000 credits");
        assertThat(TestMailServer.htmlPart(receipt)).contains("9.00 USD").contains(sessionId);
        Thread.sleep(500);
        assertThat(TestMailServer.messagesTo(email)).hasSize(2); // one receipt for five deliveries
    }

    /**
     * A plan's credits come with each paid invoice, once per invoice, whether the first invoice's event arrives
     * before the checkout's or the customer's return reports it first; a pack's own invoice grants nothing more.
     */
    @Test
    void aSubscriptionGrantsEachPaidPeriodOnceInWhateverOrderStripeReportsIt() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        Reply opened = api.post("/api/v1/billing/checkout", user.token(), Map.of("plan", "monthly-5k"));
        assertThat(opened.status()).isEqualTo(201);
        String sessionId = opened.json().get("id").asText();
        assertThat(STRIPE.session(sessionId).get("mode").asText()).isEqualTo("subscription");
        assertThat(STRIPE.session(sessionId).get("subscription_metadata").get("plan_id").asText())
                .isEqualTo("monthly-5k");

        STRIPE.pay(sessionId);
        String firstInvoice = STRIPE.invoiceOf(sessionId).get("id").asText();
        String firstPaid = STRIPE.invoiceEvent("invoice.paid", firstInvoice);
        billing.deliver(firstPaid); // the invoice's event before the checkout's
        billing.deliver(firstPaid);
        JsonNode returned = api.get("/api/v1/billing/checkout/" + sessionId, user.token()).json();
        billing.deliver(STRIPE.event("checkout.session.completed", sessionId));
        assertThat(returned.get("plan").asText()).isEqualTo("monthly-5k");
        assertThat(returned.get("fulfilled").asBoolean()).isTrue();
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);

        String subscriptionId = STRIPE.subscriptionOf(sessionId);
        String secondInvoice = STRIPE.renew(subscriptionId);
        for (int copy = 0; copy < 3; copy++) {
            assertThat(billing.deliver(STRIPE.invoiceEvent("invoice.paid", secondInvoice)).status()).isEqualTo(200);
        }
        assertThat(billing.awaitCredits(user, 10_000)).isEqualTo(10_000);

        billing.awaitInboxSettled(firstInvoice);
        billing.awaitInboxSettled(secondInvoice);
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsGranted"))
                .extracting(grant -> grant.get("grantId").asText(), grant -> grant.get("source").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("invoice/" + firstInvoice, "subscription_period"),
                        org.assertj.core.groups.Tuple.tuple("invoice/" + secondInvoice, "subscription_period"));
        String customer = STRIPE.session(sessionId).get("customer").asText();
        assertThat(ledger.events(customer, "SubscriptionStarted")).hasSize(1);
        assertThat(ledger.events(customer, "SubscriptionPeriodPaid")).hasSize(2);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(10_000);

        JsonNode subscription = billing.awaitSubscription(user, view -> view.get("periods_paid").asLong() == 2);
        assertThat(subscription.get("subscription_id").asText()).isEqualTo(subscriptionId);
        assertThat(subscription.get("plan_id").asText()).isEqualTo("monthly-5k");
        assertThat(subscription.get("status").asText()).isEqualTo("active");
        assertThat(subscription.get("credits_per_period").asLong()).isEqualTo(5000);
        assertThat(subscription.get("period_end").asText()).isNotBlank();
        JsonNode invoices = api.get("/api/v1/billing/invoices", user.token()).json().get("invoices");
        assertThat(invoices).extracting(invoice -> invoice.get("id").asText())
                            .containsExactlyInAnyOrder(firstInvoice, secondInvoice);
        assertThat(invoices.get(0).get("hosted_url").asText()).startsWith("https://invoice.stripe.test/i/in_");
        assertThat(invoices.get(0).get("amount").asLong()).isEqualTo(1900);
    }

    @Test
    void aFailedPaymentAndTheSubscriptionsEndAreRecordedOnceMailedAndTakeNothingBack() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        String sessionId = billing.paidCheckout(user, "plan", "monthly-5k");
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);
        String subscriptionId = STRIPE.subscriptionOf(sessionId);

        String unpaid = STRIPE.failRenewal(subscriptionId);
        String failed = STRIPE.invoiceEvent("invoice.payment_failed", unpaid);
        billing.deliver(failed);
        billing.deliver(STRIPE.invoiceEvent("invoice.payment_failed", unpaid)); // the same attempt, reported again
        STRIPE.cancel(subscriptionId);
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.deleted", subscriptionId));

        assertThat(billing.awaitInboxState(eventId(failed))).isEqualTo("HANDLED");
        MimeMessage failure = TestMailServer.awaitMessage(email, 2);
        MimeMessage ended = TestMailServer.awaitMessage(email, 3);
        assertThat(List.of(failure.getSubject(), ended.getSubject())).containsExactlyInAnyOrder(
                "Your MailSift subscription payment failed", "Your MailSift subscription has ended");
        String customer = STRIPE.session(sessionId).get("customer").asText();
        EventLedger ledger = new EventLedger(dataSource);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.events(customer, "SubscriptionCanceled").size() == 1);
        assertThat(ledger.events(customer, "PaymentFailed")).singleElement()
                .satisfies(event -> assertThat(event.get("invoiceId").asText()).isEqualTo(unpaid));
        assertThat(billing.credits(user)).isEqualTo(5000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(5000);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/billing/subscription", user.token())
                .json().path("status").asText().equals("canceled"));
    }

    @Test
    void thePaidInvoiceOfAPackGrantsNothingMore() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.paidCheckout(user, "pack", "starter");
        String invoicePaid = STRIPE.invoiceEvent("invoice.paid", STRIPE.invoiceOf(sessionId).get("id").asText());

        assertThat(billing.deliver(invoicePaid).status()).isEqualTo(200);

        assertThat(billing.awaitInboxState(eventId(invoicePaid))).isEqualTo("IGNORED");
        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(new EventLedger(dataSource).events(user.userId(), "CreditsGranted")).hasSize(1);
    }

    @Test
    void returningToTheSuccessPageFulfilsAPaidCheckoutWithoutAnyWebhook() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();

        JsonNode unpaid = api.get("/api/v1/billing/checkout/" + sessionId, user.token()).json();
        assertThat(unpaid.get("payment_status").asText()).isEqualTo("unpaid");
        assertThat(unpaid.get("fulfilled").asBoolean()).isFalse();
        STRIPE.pay(sessionId);
        JsonNode paid = api.get("/api/v1/billing/checkout/" + sessionId, user.token()).json();

        assertThat(paid.get("fulfilled").asBoolean()).isTrue();
        assertThat(paid.get("credits").asLong()).isEqualTo(1000);
        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(new EventLedger(dataSource).assertBalanced(user.userId())).isEqualTo(1000);
    }

    @Test
    void forgedStaleOrMissingSignaturesAre400ProblemsAndRecordNothing() {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();
        STRIPE.pay(sessionId);
        String event = STRIPE.event("checkout.session.completed", sessionId);

        Reply forged = billing.deliver(event, StripeStandIn.signature(event, "whsec_not_the_endpoints", 0));
        Reply stale = billing.deliver(event, StripeStandIn.signature(event, StripeStandIn.WEBHOOK_SECRET, 600));
        Reply unsigned = billing.deliver(event, null);

        for (Reply refused : List.of(forged, stale, unsigned)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-signature");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event_inbox WHERE payload LIKE ?", Long.class,
                "%" + sessionId + "%")).isZero();
        assertThat(new EventLedger(dataSource).events(user.userId(), "CreditsGranted")).isEmpty();
    }

    @Test
    void aPaymentForNoAccountIsRecordedAndReportedNotLostAndUnknownTypesAreAcknowledged() {
        String foreign = STRIPE.event("checkout.session.completed", STRIPE.foreignSession());
        String otherType = STRIPE.event("charge.updated", STRIPE.foreignSession());

        assertThat(billing.deliver(foreign).status()).isEqualTo(200);
        assertThat(billing.deliver(otherType).status()).isEqualTo(200);

        assertThat(billing.awaitInboxState(eventId(foreign))).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT outcome FROM stripe_event_inbox WHERE event_id = ?", String.class,
                eventId(foreign))).startsWith("unknown account");
        assertThat(billing.awaitInboxState(eventId(otherType))).isEqualTo("IGNORED");
    }

    @Test
    void onlyPacksOnSaleCanBeBoughtAndOnlyTheirOwnerSeesACheckout() {
        Session owner = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        Session other = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.checkout(owner, "starter").json().get("id").asText();

        Reply unknownPack = billing.checkout(owner, "platinum");
        Reply noPack = api.post("/api/v1/billing/checkout", owner.token(), Map.of());
        Reply both = api.post("/api/v1/billing/checkout", owner.token(), Map.of("pack", "starter",
                "plan", "monthly-5k"));
        Reply unknownPlan = api.post("/api/v1/billing/checkout", owner.token(), Map.of("plan", "weekly"));
        Reply anonymous = api.post("/api/v1/billing/checkout", null, Map.of("pack", "starter"));
        Reply someoneElses = api.get("/api/v1/billing/checkout/" + sessionId, other.token());
        Reply unknown = api.get("/api/v1/billing/checkout/cs_test_nobody_opened", owner.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/billing/subscription", other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/billing/invoices", other.token()).json().get("invoices")).isEmpty();

        assertThat(unknownPack.status()).isEqualTo(400);
        assertThat(unknownPack.json().get("detail").asText()).startsWith("pack:");
        assertThat(noPack.status()).isEqualTo(400);
        assertThat(both.status()).isEqualTo(400);
        assertThat(unknownPlan.status()).isEqualTo(400);
        assertThat(unknownPlan.json().get("detail").asText()).startsWith("plan:");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(someoneElses.status()).isEqualTo(404);
        assertThat(someoneElses.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
    }

    @Test
    void theStatementExplainsEveryCreditWithItsSourceAsJsonAndAsCsv() throws Exception {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = billing.signUpConfirmed(email);
        billing.awaitCredits(user, TRIAL_CREDITS);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin, Map.of("amount", 7, "reason", "goodwill"));
        String sessionId = billing.paidCheckout(user, "pack", "starter");
        billing.awaitCredits(user, TRIAL_CREDITS + 7 + 1000);

        JsonNode statement = billing.awaitStatement(user, 3);
        JsonNode entries = statement.get("entries");
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("granted");
        assertThat(entries.get(0).get("source").asText()).isEqualTo("pack_purchase");
        assertThat(entries.get(0).get("reference").asText()).isEqualTo("checkout/" + sessionId);
        assertThat(entries.get(0).get("available_after").asLong()).isEqualTo(TRIAL_CREDITS + 7 + 1000);
        assertThat(entries.get(1).get("source").asText()).isEqualTo("operator");
        assertThat(entries.get(1).get("amount").asLong()).isEqualTo(7);
        assertThat(entries.get(2).get("source").asText()).isEqualTo("sign_up");
        assertThat(entries.get(2).get("available_after").asLong()).isEqualTo(TRIAL_CREDITS);

        Reply csv = api.get("/api/v1/billing/ledger", user.token(), Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("mailsift-statement.csv");
        assertThat(csv.body().lines().toList()).hasSize(4).first()
                .isEqualTo("time,kind,amount,source,reference,available_after,reserved_after");
        assertThat(csv.body()).contains(",granted,1000,pack_purchase,\"checkout/" + sessionId + "\",1032,0");
        Reply tooLarge = api.get("/api/v1/billing/ledger?size=201", user.token());
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("errors").get(0).get("field").asText()).isEqualTo("size");
    }

    /** With {@code as_of}, the statement as it stood then: the movements up to that instant, and the balance then. */
    @Test
    void theStatementAsOfAnInstantListsOnlyTheMovementsUpToThenWithTheBalanceThen() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin, Map.of("amount", 7, "reason", "first"));
        billing.awaitCredits(user, 7);
        billing.awaitStatement(user, 1);
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin, Map.of("amount", 5, "reason", "second"));
        billing.awaitCredits(user, 12);
        billing.awaitStatement(user, 2);

        JsonNode then = api.get("/api/v1/billing/ledger?as_of=" + between, user.token()).json();
        assertThat(then.get("total").asLong()).isEqualTo(1);
        assertThat(then.get("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.get("amount").asLong()).isEqualTo(7);
            assertThat(entry.get("available_after").asLong()).isEqualTo(7);
        });
        assertThat(then.get("balance").get("credits_available").asLong()).isEqualTo(7);
        Reply csv = api.get("/api/v1/billing/ledger?as_of=" + between, user.token(), Map.of("Accept", "text/csv"));
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains(",granted,7,operator,").doesNotContain(",granted,5,");
        JsonNode before = api.get("/api/v1/billing/ledger?as_of=2020-01-01T00:00:00Z", user.token()).json();
        assertThat(before.get("entries")).isEmpty();
        assertThat(before.get("balance").get("credits_available").asLong()).isZero();
        Reply notAnInstant = api.get("/api/v1/billing/ledger?as_of=yesterday", user.token(),
                Map.of("Accept", "text/csv"));
        assertThat(notAnInstant.status()).isEqualTo(400);
    }

    /**
     * A node that recorded an event and died while handling it leaves a lease behind; once the lease runs out,
     * another node handles the event, and the purchase is still granted once. A live lease is left alone.
     */
    @Test
    void anEventLeftByADeadNodeIsHandledOnceItsLeaseRunsOutAndALiveLeaseIsLeftAlone() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        Session other = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String abandoned = billing.checkout(user, "starter").json().get("id").asText();
        String held = billing.checkout(other, "starter").json().get("id").asText();
        STRIPE.pay(abandoned);
        STRIPE.pay(held);
        String abandonedEvent = STRIPE.event("checkout.session.completed", abandoned);
        String heldEvent = STRIPE.event("checkout.session.completed", held);
        Instant now = Instant.now();
        leftInTheInbox(abandonedEvent, now.minusSeconds(1)); // the dead node's lease has run out
        leftInTheInbox(heldEvent, now.plus(Duration.ofHours(1))); // another node is still on it

        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(billing.awaitInboxState(eventId(abandonedEvent))).isEqualTo("HANDLED");
        assertThat(billing.deliver(abandonedEvent).json().get("duplicate").asBoolean()).isTrue();
        Thread.sleep(1500); // more than a poll of the inbox
        assertThat(jdbc.queryForObject("SELECT state FROM stripe_event_inbox WHERE event_id = ?", String.class,
                eventId(heldEvent))).isEqualTo("RECEIVED");
        assertThat(billing.credits(other)).isZero();
        assertThat(new EventLedger(dataSource).events(user.userId(), "CreditsGranted")).hasSize(1);
    }

    @Test
    void theCustomerPortalOpensForTheAccountsOneCustomer() {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");

        Reply portal = api.post("/api/v1/billing/portal", user.token(), Map.of());
        Reply again = api.post("/api/v1/billing/portal", user.token(), Map.of());

        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.json().get("url").asText()).startsWith("https://billing.stripe.test/p/session/bps_");
        assertThat(again.json().get("url").asText()).isNotEqualTo(portal.json().get("url").asText());
        assertThat(STRIPE.customersOf(user.userId())).hasSize(1);
        String customer = STRIPE.customersOf(user.userId()).get(0);
        assertThat(STRIPE.portals()).filteredOn(session -> session.get("customer").asText().equals(customer))
                                    .hasSize(2)
                                    .allSatisfy(session -> assertThat(session.get("return_url").asText())
                                            .isEqualTo("https://app.mailsift.test/billing"));
        assertThat(api.post("/api/v1/billing/portal", null, Map.of()).status()).isEqualTo(401);
    }

    /** An event recorded by a node that claimed it until {@code claimedUntil} and then stopped. */
    private void leftInTheInbox(String event, Instant claimedUntil) {
        Timestamp received = Timestamp.from(Instant.now().minusSeconds(30));
        jdbc.update("INSERT INTO stripe_event_inbox (event_id, type, payload, received_at, state, attempts, "
                        + "claimed_until, next_attempt) VALUES (?, 'checkout.session.completed', ?, ?, 'RECEIVED', 1, "
                        + "?, ?)", eventId(event), event, received, Timestamp.from(claimedUntil), received);
    }
}
