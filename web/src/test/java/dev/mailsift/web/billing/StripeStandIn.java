package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe's API as far as billing uses it, on a loopback port, reached through stripe-java with
 * {@code setApiBase}: customers and Checkout Sessions, created from the form-encoded requests stripe-java sends,
 * idempotency keys honoured as Stripe honours them; invoices, subscriptions, and the charges that paid them, with
 * Stripe's linkage (a charge names its payment intent; a pack's session, or a subscription invoice's payments, name
 * the same payment intent); refunds summed on the charge, and disputes. Tests play Stripe's other side with it: they pay a session
 * and deliver events signed with stripe-java's own signature helper.
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_standin";
    public static final String WEBHOOK_SECRET = "whsec_standin_signing_secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> invoices = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> disputes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> invoicePayments = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> prices = new ConcurrentHashMap<>();
    private final List<ObjectNode> undelivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, String> paymentIntentOfInvoice = new ConcurrentHashMap<>();
    private final Map<String, String> answersByIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<ObjectNode> portals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.time.Duration periodLength = java.time.Duration.ofDays(30);

    public StripeStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/customers", exchange -> answer(exchange, this::createCustomer));
        server.createContext("/v1/checkout/sessions", exchange -> {
            if ("GET".equals(exchange.getRequestMethod())
                    && "/v1/checkout/sessions".equals(exchange.getRequestURI().getPath())) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                String paymentIntent = query.get("payment_intent");
                reply(exchange, 200, list("/v1/checkout/sessions", sessions.values().stream()
                        .filter(session -> paymentIntent == null
                                ? createdSince(session, query) && (!query.containsKey("status")
                                        || query.get("status").equals(session.get("status").asText()))
                                : paymentIntent.equals(session.path("payment_intent").asText(null)))
                        .toList()));
            } else if ("GET".equals(exchange.getRequestMethod())) {
                retrieve(exchange, "/v1/checkout/sessions/", sessions, "checkout.session");
            } else {
                answer(exchange, this::createSession);
            }
        });
        server.createContext("/v1/invoices", exchange -> {
            if ("/v1/invoices".equals(exchange.getRequestURI().getPath())) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                String customer = query.get("customer");
                reply(exchange, 200, list("/v1/invoices", invoices.values().stream()
                        .filter(invoice -> customer == null || invoice.get("customer").asText().equals(customer))
                        .filter(invoice -> createdSince(invoice, query) && (!query.containsKey("status")
                                || query.get("status").equals(invoice.get("status").asText())))
                        .sorted(java.util.Comparator.comparing((ObjectNode invoice) -> invoice.get("created").asLong())
                                                    .thenComparing(invoice -> invoice.get("id").asText())
                                                    .reversed())
                        .toList()));
            } else {
                retrieve(exchange, "/v1/invoices/", invoices, "invoice");
            }
        });
        server.createContext("/v1/subscriptions", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/v1/subscriptions/".length());
            ObjectNode subscription = subscriptions.get(id);
            reply(exchange, subscription == null ? 404 : 200, subscription == null
                    ? "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such subscription\"}}"
                    : subscription.toString());
        });
        server.createContext("/v1/events", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            reply(exchange, 200, list("/v1/events", undelivered.stream()
                    .filter(event -> "false".equals(query.get("delivery_success")) && createdSince(event, query))
                    .toList()));
        });
        server.createContext("/v1/prices", exchange -> retrieve(exchange, "/v1/prices/", prices, "price"));
        server.createContext("/v1/charges", exchange -> retrieve(exchange, "/v1/charges/", charges, "charge"));
        server.createContext("/v1/disputes", exchange -> retrieve(exchange, "/v1/disputes/", disputes, "dispute"));
        server.createContext("/v1/invoice_payments", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String paymentIntent = query.get("payment[payment_intent]");
            reply(exchange, 200, list("/v1/invoice_payments", invoicePayments.values().stream()
                    .filter(payment -> "payment_intent".equals(query.get("payment[type]"))
                            && payment.at("/payment/payment_intent").asText().equals(paymentIntent))
                    .toList()));
        });
        server.createContext("/v1/billing_portal/sessions", exchange -> answer(exchange, form -> {
            ObjectNode portal = JSON.createObjectNode();
            String id = "bps_" + ids.incrementAndGet();
            portal.put("id", id);
            portal.put("object", "billing_portal.session");
            portal.put("customer", form.get("customer"));
            portal.put("return_url", form.get("return_url"));
            portal.put("url", "https://billing.stripe.test/p/session/" + id);
            portals.add(portal);
            return portal.toString();
        }));
        server.start();
    }

    /** The Billing Portal sessions opened so far. */
    public List<ObjectNode> portals() {
        return List.copyOf(portals);
    }

    /** Points the service's Stripe settings at this stand-in, with its keys and a public URL for the return pages. */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("mailsift.billing.stripe.secret-key", () -> SECRET_KEY);
        registry.add("mailsift.billing.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("mailsift.billing.stripe.api-base", this::apiBase);
        registry.add("mailsift.billing.public-url", () -> "https://app.mailsift.test/");
    }

    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The customers made for {@code userId} (by the metadata MailSift sends). */
    public List<String> customersOf(String userId) {
        return customers.values().stream()
                        .filter(customer -> userId.equals(customer.path("metadata").path("user_id").asText()))
                        .map(customer -> customer.get("id").asText()).toList();
    }

    public ObjectNode session(String id) {
        return sessions.get(id);
    }

    /**
     * The customer pays: the session is complete and paid, as after a successful card payment. A pack's payment gets
     * its (paid) invoice; a plan's starts a subscription whose first invoice is paid for the first month.
     */
    public void pay(String sessionId) {
        ObjectNode session = sessions.get(sessionId);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        if ("subscription".equals(session.get("mode").asText())) {
            String subscriptionId = "sub_" + ids.incrementAndGet();
            ObjectNode subscription = JSON.createObjectNode();
            subscription.put("id", subscriptionId);
            subscription.put("object", "subscription");
            subscription.put("customer", session.get("customer").asText());
            subscription.put("status", "active");
            subscription.put("cancel_at_period_end", false);
            subscription.putNull("cancel_at");
            subscription.set("metadata", session.get("subscription_metadata"));
            Instant now = Instant.now();
            ObjectNode item = subscription.putObject("items").put("object", "list").putArray("data").addObject();
            item.put("id", "si_" + ids.incrementAndGet());
            item.put("object", "subscription_item");
            item.put("quantity", 1);
            item.set("price", prices.get(session.get("price").asText()).deepCopy());
            item.put("current_period_start", now.getEpochSecond());
            item.put("current_period_end", now.plus(periodLength).getEpochSecond());
            subscriptions.put(subscriptionId, subscription);
            session.put("subscription", subscriptionId);
            session.put("invoice", invoice(session, subscription, now, "subscription_create"));
        } else {
            String invoiceId = invoice(session, null, Instant.now(), "manual");
            session.put("invoice", invoiceId);
            // a pack's payment: the session names its payment intent; the charge names the payment intent too
            session.put("payment_intent", paymentIntentOfInvoice.get(invoiceId));
        }
    }

    /** How long the subscription periods invoiced from now on last (30 days unless a test needs one to end soon). */
    public void periodLength(java.time.Duration length) {
        periodLength = length;
    }

    /** The charge that paid for a pack's checkout. */
    public String chargeOf(String sessionId) {
        String paymentIntent = sessions.get(sessionId).get("payment_intent").asText();
        return charges.values().stream().filter(charge -> paymentIntent.equals(charge.get("payment_intent").asText()))
                      .map(charge -> charge.get("id").asText()).findFirst().orElseThrow();
    }

    /** The charge that paid a subscription's invoice. */
    public String chargeOfInvoice(String invoiceId) {
        String paymentIntent = paymentIntentOfInvoice.get(invoiceId);
        return charges.values().stream().filter(charge -> paymentIntent.equals(charge.get("payment_intent").asText()))
                      .map(charge -> charge.get("id").asText()).findFirst().orElseThrow();
    }

    /** The merchant refunds {@code amount} more of the charge (as in Stripe's dashboard); Stripe sums refunds. */
    public void refund(String chargeId, long amount) {
        ObjectNode charge = charges.get(chargeId);
        long refunded = charge.get("amount_refunded").asLong() + amount;
        if (refunded > charge.get("amount").asLong()) {
            throw new IllegalArgumentException("more than the charge");
        }
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded == charge.get("amount").asLong());
    }

    /** The card holder disputes the whole charge; the dispute's id. */
    public String dispute(String chargeId) {
        ObjectNode charge = charges.get(chargeId);
        String id = "dp_" + ids.incrementAndGet();
        ObjectNode dispute = JSON.createObjectNode();
        dispute.put("id", id);
        dispute.put("object", "dispute");
        dispute.put("amount", charge.get("amount").asLong() - charge.get("amount_refunded").asLong());
        dispute.put("currency", charge.get("currency").asText());
        dispute.put("charge", chargeId);
        dispute.put("payment_intent", charge.get("payment_intent").asText());
        dispute.put("reason", "fraudulent");
        dispute.put("status", "needs_response");
        dispute.put("created", Instant.now().getEpochSecond());
        disputes.put(id, dispute);
        charge.put("disputed", true);
        return id;
    }

    /** The card network decided: {@code won} or {@code lost}. */
    public void closeDispute(String disputeId, String status) {
        disputes.get(disputeId).put("status", status);
    }

    /** Stripe could not deliver {@code event} (the endpoint was down): it lists it among undelivered events. */
    public void deliveryFailed(String event) {
        try {
            undelivered.add((ObjectNode) JSON.readTree(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean createdSince(ObjectNode object, Map<String, String> query) {
        String since = query.get("created[gte]");
        return since == null || object.path("created").asLong() >= Long.parseLong(since);
    }

    /** An event about a charge, as Stripe delivers it. */
    public String chargeEvent(String type, String chargeId) {
        return event(type, charges.get(chargeId));
    }

    /** An event about a dispute, as Stripe delivers it. */
    public String disputeEvent(String type, String disputeId) {
        return event(type, disputes.get(disputeId));
    }

    /** A paid invoice was paid by a payment intent and its charge; the invoice's payments name the payment intent. */
    private void paidBy(ObjectNode invoice) {
        String paymentIntent = "pi_" + ids.incrementAndGet();
        String chargeId = "ch_" + ids.incrementAndGet();
        ObjectNode charge = JSON.createObjectNode();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", invoice.get("amount_paid").asLong());
        charge.put("amount_refunded", 0);
        charge.put("currency", invoice.get("currency").asText());
        charge.put("customer", invoice.get("customer").asText());
        charge.put("payment_intent", paymentIntent);
        charge.put("paid", true);
        charge.put("status", "succeeded");
        charge.put("refunded", false);
        charge.put("disputed", false);
        charge.put("created", Instant.now().getEpochSecond());
        charges.put(chargeId, charge);
        String paymentId = "inpay_" + ids.incrementAndGet();
        ObjectNode payment = JSON.createObjectNode();
        payment.put("id", paymentId);
        payment.put("object", "invoice_payment");
        payment.put("invoice", invoice.get("id").asText());
        payment.put("amount_paid", invoice.get("amount_paid").asLong());
        payment.put("currency", invoice.get("currency").asText());
        payment.put("is_default", true);
        payment.put("status", "paid");
        payment.putObject("payment").put("type", "payment_intent").put("payment_intent", paymentIntent);
        invoicePayments.put(paymentId, payment);
        paymentIntentOfInvoice.put(invoice.get("id").asText(), paymentIntent);
    }

    /** The subscription's next month is invoiced and paid; the new invoice's id. */
    public String renew(String subscriptionId) {
        ObjectNode subscription = subscriptions.get(subscriptionId);
        ObjectNode last = invoices.values().stream()
                .filter(invoice -> subscriptionId.equals(invoice.at("/parent/subscription_details/subscription").asText()))
                .max(java.util.Comparator.comparingLong(invoice -> invoice.at("/lines/data/0/period/end").asLong()))
                .orElseThrow();
        ObjectNode session = JSON.createObjectNode();
        session.put("customer", subscription.get("customer").asText());
        session.put("amount_total", item(subscriptionId).at("/price/unit_amount").asLong());
        session.put("currency", last.get("currency").asText());
        Instant start = Instant.ofEpochSecond(item(subscriptionId).get("current_period_end").asLong());
        item(subscriptionId).put("current_period_start", start.getEpochSecond())
                            .put("current_period_end", start.plus(periodLength).getEpochSecond());
        return invoice(session, subscription, start, "subscription_cycle");
    }

    /** The next month's invoice could not be collected (Stripe's first attempt failed); its id. */
    public String failRenewal(String subscriptionId) {
        String invoiceId = renew(subscriptionId);
        ObjectNode invoice = invoices.get(invoiceId);
        invoice.put("status", "open");
        invoice.put("amount_due", invoice.get("amount_paid").asLong());
        invoice.put("amount_paid", 0);
        invoice.put("attempt_count", 1);
        return invoiceId;
    }

    /** The customer cancelled in the portal; the subscription has ended. */
    public void cancel(String subscriptionId) {
        subscriptions.get(subscriptionId).put("status", "canceled");
    }

    /** A recurring price, as made in Stripe's dashboard (or by a checkout stating its price); its id. */
    public String price(long unitAmount, String currency, String interval) {
        String id = "price_" + ids.incrementAndGet();
        ObjectNode price = JSON.createObjectNode();
        price.put("id", id);
        price.put("object", "price");
        price.put("active", true);
        price.put("type", "recurring");
        price.put("unit_amount", unitAmount);
        price.put("currency", currency);
        price.putObject("recurring").put("interval", interval).put("interval_count", 1);
        prices.put(id, price);
        return id;
    }

    /**
     * The customer switches plan in the portal: the subscription's price is {@code priceId} from now on. With
     * {@code invoiceNow} (an upgrade, prorated and invoiced at once) Stripe invoices and collects the rest of the
     * period at the new price less the unused time at the old one, and the invoice's id is answered; otherwise (a
     * downgrade applied when the period ends) the next renewal is at the new price, and null is answered.
     */
    public String changePrice(String subscriptionId, String priceId, boolean invoiceNow) {
        ObjectNode item = item(subscriptionId);
        ObjectNode oldPrice = (ObjectNode) item.get("price");
        item.set("price", prices.get(priceId).deepCopy());
        if (!invoiceNow) {
            return null;
        }
        ObjectNode subscription = subscriptions.get(subscriptionId);
        Instant now = Instant.now();
        long end = item.get("current_period_end").asLong();
        double left = (end - now.getEpochSecond()) / (double) (end - item.get("current_period_start").asLong());
        long unused = Math.round(oldPrice.get("unit_amount").asLong() * left);
        long remaining = Math.round(prices.get(priceId).get("unit_amount").asLong() * left);
        ObjectNode session = JSON.createObjectNode();
        session.put("customer", subscription.get("customer").asText());
        session.put("amount_total", remaining - unused);
        session.put("currency", oldPrice.get("currency").asText());
        String invoiceId = invoice(session, subscription, now, "subscription_update");
        ObjectNode invoice = invoices.get(invoiceId);
        ObjectNode credit = ((com.fasterxml.jackson.databind.node.ArrayNode) invoice.at("/lines/data")).insertObject(0);
        credit.put("id", "il_" + ids.incrementAndGet());
        credit.put("object", "line_item");
        credit.put("amount", -unused);
        credit.put("currency", oldPrice.get("currency").asText());
        credit.putObject("period").put("start", now.getEpochSecond()).put("end", end);
        credit.putObject("pricing").put("type", "price_details").putObject("price_details")
              .put("price", oldPrice.get("id").asText());
        ObjectNode charged = (ObjectNode) invoice.at("/lines/data/1");
        charged.put("amount", remaining);
        charged.putObject("period").put("start", now.getEpochSecond()).put("end", end);
        return invoiceId;
    }

    /** The customer cancels in the portal at the period's end ({@code true}), or takes that back ({@code false}). */
    public void cancelAtPeriodEnd(String subscriptionId, boolean cancel) {
        ObjectNode subscription = subscriptions.get(subscriptionId);
        subscription.put("cancel_at_period_end", cancel);
        if (cancel) {
            subscription.put("cancel_at", item(subscriptionId).get("current_period_end").asLong());
        } else {
            subscription.putNull("cancel_at");
        }
    }

    private ObjectNode item(String subscriptionId) {
        return (ObjectNode) subscriptions.get(subscriptionId).at("/items/data/0");
    }

    /** An event about a subscription, as Stripe delivers it. */
    public String subscriptionEvent(String type, String subscriptionId) {
        return event(type, subscriptions.get(subscriptionId));
    }

    public ObjectNode invoiceOf(String sessionId) {
        return invoices.get(sessions.get(sessionId).get("invoice").asText());
    }

    /** The subscription a plan's checkout session started. */
    public String subscriptionOf(String sessionId) {
        return invoiceOf(sessionId).at("/parent/subscription_details/subscription").asText();
    }

    private String invoice(ObjectNode session, ObjectNode subscription, Instant periodStart, String reason) {
        String id = "in_" + ids.incrementAndGet();
        ObjectNode invoice = JSON.createObjectNode();
        invoice.put("id", id);
        invoice.put("object", "invoice");
        invoice.put("customer", session.get("customer").asText());
        invoice.put("status", "paid");
        invoice.put("billing_reason", reason);
        invoice.put("amount_paid", session.get("amount_total").asLong());
        invoice.put("total", session.get("amount_total").asLong());
        invoice.put("number", "MS-" + ids.get());
        invoice.put("created", Instant.now().getEpochSecond());
        invoice.put("invoice_pdf", "https://invoice.stripe.test/i/" + id + "/pdf");
        invoice.put("currency", session.get("currency").asText());
        invoice.put("hosted_invoice_url", "https://invoice.stripe.test/i/" + id);
        if (subscription == null) {
            invoice.putNull("parent");
        } else {
            ObjectNode details = invoice.putObject("parent").put("type", "subscription_details")
                                        .putObject("subscription_details");
            details.put("subscription", subscription.get("id").asText());
            details.set("metadata", subscription.get("metadata").deepCopy());
        }
        ObjectNode lines = invoice.putObject("lines");
        lines.put("object", "list");
        ObjectNode line = lines.putArray("data").addObject();
        line.put("id", "il_" + ids.incrementAndGet());
        line.put("object", "line_item");
        line.putObject("period").put("start", periodStart.getEpochSecond())
            .put("end", periodStart.plus(periodLength).getEpochSecond());
        line.put("amount", session.get("amount_total").asLong());
        line.put("currency", session.get("currency").asText());
        if (subscription != null) {
            line.putObject("pricing").put("type", "price_details").putObject("price_details")
                .put("price", item(subscription.get("id").asText()).at("/price/id").asText());
            line.putObject("parent").put("type", "subscription_item_details").putObject("subscription_item_details")
                .put("subscription", subscription.get("id").asText()).put("proration", false);
        }
        paidBy(invoice);
        invoices.put(id, invoice);
        return id;
    }

    /** A session MailSift did not open: a customer of no MailSift account. */
    public String foreignSession() {
        ObjectNode session = newSession("cus_foreign_" + ids.incrementAndGet(), Map.of(
                "client_reference_id", "someone-else", "metadata[user_id]", "someone-else",
                "metadata[pack_id]", "starter", "metadata[credits]", "1000"));
        session.put("status", "complete");
        session.put("payment_status", "paid");
        return session.get("id").asText();
    }

    /** An event about an invoice, as Stripe delivers it. */
    public String invoiceEvent(String type, String invoiceId) {
        return event(type, invoices.get(invoiceId));
    }

    /** An event as Stripe delivers it: the session's current state inside, a fresh event id. */
    public String event(String type, String sessionId) {
        return event(type, sessions.get(sessionId));
    }

    private String event(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_" + ids.incrementAndGet());
        event.put("object", "event");
        event.put("api_version", com.stripe.Stripe.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        // Stripe's payloads are UTF-8, and the signature covers those bytes: a non-ASCII character keeps that honest
        event.putObject("request").put("id", "req_ünïcødé").putNull("idempotency_key");
        event.putObject("data").set("object", object.deepCopy());
        return event.toString();
    }

    /** The Stripe-Signature header Stripe would send with {@code payload}, signed {@code secondsAgo} ago. */
    public static String signature(String payload, String secret, long secondsAgo) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret,
                    Instant.now().getEpochSecond() - secondsAgo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String createCustomer(Map<String, String> form) {
        ObjectNode customer = JSON.createObjectNode();
        String id = "cus_" + ids.incrementAndGet();
        customer.put("id", id);
        customer.put("object", "customer");
        customer.put("email", form.get("email"));
        ObjectNode metadata = customer.putObject("metadata");
        metadata(form).forEach(metadata::put);
        customers.put(id, customer);
        return customer.toString();
    }

    private String createSession(Map<String, String> form) {
        ObjectNode session = newSession(form.get("customer"), form);
        session.put("mode", form.get("mode"));
        ObjectNode subscriptionMetadata = session.putObject("subscription_metadata"); // kept for pay(), as Stripe does
        form.forEach((key, value) -> {
            if (key.startsWith("subscription_data[metadata][")) {
                subscriptionMetadata.put(key.substring("subscription_data[metadata][".length(), key.length() - 1),
                        value);
            }
        });
        if ("subscription".equals(form.get("mode"))) {
            String priceId = form.get("line_items[0][price]");
            if (priceId == null) {
                priceId = price(Long.parseLong(form.get("line_items[0][price_data][unit_amount]")),
                        form.get("line_items[0][price_data][currency]"),
                        form.get("line_items[0][price_data][recurring][interval]"));
            } else {
                session.put("amount_total", prices.get(priceId).get("unit_amount").asLong());
                session.put("currency", prices.get(priceId).get("currency").asText());
            }
            session.put("price", priceId);
        }
        session.put("success_url", form.get("success_url"));
        session.put("cancel_url", form.get("cancel_url"));
        return session.toString();
    }

    private ObjectNode newSession(String customerId, Map<String, String> form) {
        String id = "cs_test_" + ids.incrementAndGet();
        ObjectNode session = JSON.createObjectNode();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("mode", "payment");
        session.put("customer", customerId);
        session.put("client_reference_id", form.get("client_reference_id"));
        ObjectNode metadata = session.putObject("metadata");
        metadata(form).forEach(metadata::put);
        String unitAmount = form.get("line_items[0][price_data][unit_amount]");
        session.put("amount_total", unitAmount == null ? 0 : Long.parseLong(unitAmount));
        session.put("currency", form.getOrDefault("line_items[0][price_data][currency]", "usd"));
        session.put("status", "open");
        session.put("payment_status", "unpaid");
        session.put("created", Instant.now().getEpochSecond());
        session.put("url", "https://checkout.stripe.test/c/pay/" + id);
        sessions.put(id, session);
        return session;
    }

    private static Map<String, String> metadata(Map<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith("metadata[") && key.endsWith("]")) {
                metadata.put(key.substring("metadata[".length(), key.length() - 1), value);
            }
        });
        return metadata;
    }

    private interface Creation {
        String create(Map<String, String> form);
    }

    /** A POST: the same idempotency key answers the first answer again, as Stripe does. */
    private void answer(HttpExchange exchange, Creation creation) throws IOException {
        if (!("Bearer " + SECRET_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body = key == null ? creation.create(form)
                : answersByIdempotencyKey.computeIfAbsent(exchange.getRequestURI().getPath() + "|" + key,
                        unused -> creation.create(form));
        reply(exchange, 200, body);
    }

    private static String list(String url, List<ObjectNode> objects) {
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        list.put("has_more", false);
        list.put("url", url);
        objects.forEach(list.putArray("data")::add);
        return list.toString();
    }

    private static void retrieve(HttpExchange exchange, String prefix, Map<String, ObjectNode> objects, String kind)
            throws IOException {
        String id = exchange.getRequestURI().getPath().substring(prefix.length());
        ObjectNode object = objects.get(id);
        if (object == null) {
            reply(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                    + "\"message\":\"No such " + kind + ": " + id + "\"}}");
        } else {
            reply(exchange, 200, object.toString());
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_standin");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
