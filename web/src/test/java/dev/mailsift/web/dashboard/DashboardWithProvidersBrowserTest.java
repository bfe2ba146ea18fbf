package dev.mailsift.web.dashboard;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Route;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.billing.StripeStandIn;
import dev.mailsift.web.support.TestOidcServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard with the outside services it can be configured with, each standing in on loopback: Google sign-in
 * against mock-oauth2-server (as the API's Google tests use) and Stripe through the billing tests'
 * {@link StripeStandIn}. "Sign in with Google" walks the real redirects (our start, the provider, our callback with
 * its sealed state cookie) to the dashboard's home, signed in; a pack bought through Checkout comes back to the
 * success URL and shows its purchase as it stands. Without them (the default) the Google button is absent and
 * buying says no provider is configured: {@link DashboardBrowserTest} checks both.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "dev.mailsift.web.dashboard.SystemChromium#installed",
        disabledReason = "no Chromium at /usr/bin/chromium (apt-get install chromium)")
class DashboardWithProvidersBrowserTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int TRIAL_CREDITS = 50;
    /** Stripe's API on loopback; Checkout's own page is answered by the test's browser ({@link #stripeCheckoutPage}). */
    private static final StripeStandIn STRIPE = new StripeStandIn();

    @DynamicPropertySource
    static void embeddedWithGoogleAndStripe(DynamicPropertyRegistry registry) throws Exception {
        embeddedDefault(registry, "mailsift-dashboard-providers-");
        registry.add("spring.security.oauth2.client.registration.google.client-id", () -> TestOidcServer.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.google.client-secret", () -> "test-secret");
        registry.add("spring.security.oauth2.client.registration.google.scope", () -> "openid,email,profile");
        registry.add("spring.security.oauth2.client.provider.google.issuer-uri", TestOidcServer::issuer);
        registry.add("mailsift.billing.sign-up-credits", () -> TRIAL_CREDITS);
        STRIPE.register(registry);
    }

    @AfterAll
    void stopStripe() {
        STRIPE.close();
    }

    /** A page of this site that asks a name server about any other host fails here, so nothing leaves the machine. */
    @Override
    protected void prepare(BrowserContext fresh) {
        fresh.route(Pattern.compile("^https?://(?!localhost[:/]|127\\.0\\.0\\.1[:/]).*"), Route::abort);
    }

    @Test
    void signingInWithGoogleWalksTheProvidersRedirectsToTheDashboardHome() {
        String email = "googler-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        page.navigate("/sign-in");
        Locator google = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Google"));
        assertThat(google).isVisible();
        assertThat(google).hasAttribute("href", "/oauth2/authorization/google");
        SystemChromium.screenshot(page, "sign-in-with-google");

        TestOidcServer.nextPerson("google-" + UUID.randomUUID(), email, true);
        google.click();
        assertThat(page).hasURL(base() + "/");
        assertThat(page.locator("h1")).hasText("Your dashboard");
        assertThat(page.locator(".credits-available")).isVisible();
        // signed in as the address Google vouched for, which counts as confirmed
        link("Settings").click();
        assertThat(page.locator("main")).containsText("Signed in as " + email + ".");
        assertThat(context.cookies()).anySatisfy(cookie -> assertThat(cookie.name).isEqualTo("ms_refresh"));
    }

    @Test
    void anAddressGoogleHasNotVerifiedComesBackToSignInSayingSo() {
        String email = "unverified-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        page.navigate("/sign-in");
        TestOidcServer.nextPerson("google-" + UUID.randomUUID(), email, false);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Google")).click();
        assertThat(page).hasURL(base() + "/sign-in?oidc_error=email_not_verified");
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("Google has not verified that address, so it cannot sign you in.");
        assertThat(context.cookies()).noneSatisfy(cookie -> assertThat(cookie.name).isEqualTo("ms_refresh"));
    }

    @Test
    void aPackPaidOnCheckoutShowsAsProcessingOnReturnThenItsCreditsOnceStripeSignsThePaymentOff() throws Exception {
        String email = unique("buyer");
        String token = accounts.confirmed(email, PASSWORD);
        signIn(email);
        String sessionId = starterPackCheckedOut();
        var session = STRIPE.session(sessionId);
        assertThat(session.get("client_reference_id").asText())
                .isEqualTo(accounts.call("GET", "/api/v1/account", token, null, 200).get("id").asText());
        assertThat(session.get("metadata").get("pack_id").asText()).isEqualTo("starter");

        // paid with a method that clears later (a bank debit): Stripe completes the session, unpaid for now,
        // and sends the person back to the success URL
        session.put("status", "complete");
        page.navigate(returnedTo(session.get("success_url").asText(), sessionId));
        assertThat(page.locator("h1")).hasText("Credits");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(
                "Your payment is being processed; the credits are added as soon as it clears.");
        assertThat(page.locator(".credits-available")).hasText(String.valueOf(TRIAL_CREDITS));
        SystemChromium.screenshot(page, "billing-checkout-processing");

        // the payment clears and Stripe says so with its signed webhook: the open page shows the credits
        STRIPE.pay(sessionId);
        String completed = STRIPE.event("checkout.session.completed", sessionId);
        HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v1/billing/stripe-webhook"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", StripeStandIn.signature(completed, StripeStandIn.WEBHOOK_SECRET, 0))
                .POST(HttpRequest.BodyPublishers.ofString(completed)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
        assertThat(page.locator(".notice-success"))
                .hasText("Payment received: 1,000 credits are added to your balance.");
        assertThat(page.locator(".credits-available")).hasText("1,050");
        assertThat(page.locator("table.statement tbody tr").first()).containsText("pack bought");
        assertThat(page.locator("table.statement tbody tr").first()).containsText("1,000");
        SystemChromium.screenshot(page, "billing-checkout-paid");
        // granted once, whoever got there first: the webhook, or the page asking about the checkout
        assertThat(accounts.call("GET", "/api/v1/billing/ledger?size=50", token, null, 200).get("entries")
                .findValuesAsText("source")).containsOnlyOnce("pack_purchase");
    }

    @Test
    void aCheckoutLeftOnStripesPageReturnsToTheCancelUrlSayingNothingWasCharged() {
        String email = unique("hesitant");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        String sessionId = starterPackCheckedOut();

        page.navigate(returnedTo(STRIPE.session(sessionId).get("cancel_url").asText(), sessionId));
        assertThat(page.locator("h1")).hasText("Credits");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Checkout cancelled: nothing was charged.");
        assertThat(page.locator(".credits-available")).hasText(String.valueOf(TRIAL_CREDITS));
        SystemChromium.screenshot(page, "billing-checkout-cancelled");
    }

    /** Buys the starter pack from the Credits page, as far as Stripe Checkout's page; the session's id. */
    private String starterPackCheckedOut() {
        stripeCheckoutPage();
        link("Credits").click();
        button("Buy 1,000 credits").click();
        assertThat(page).hasURL(Pattern.compile("^https://checkout\\.stripe\\.test/c/pay/cs_test_[0-9]+$"));
        return page.url().substring(page.url().lastIndexOf('/') + 1);
    }

    /** Stripe Checkout's page is Stripe's: this browser is answered by the test, so no request leaves the machine. */
    private void stripeCheckoutPage() {
        page.context().route("https://checkout.stripe.test/**", route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("text/html; charset=utf-8")
                .setBody("<!doctype html><html lang=en><title>Checkout</title><main><h1>Stripe Checkout</h1></main>")));
    }

    /** Where Stripe sends the browser back: the URL it was given, on this test's server, with the session's id. */
    private String returnedTo(String stripeReturnUrl, String sessionId) {
        URI given = URI.create(stripeReturnUrl.replace("{CHECKOUT_SESSION_ID}", sessionId));
        assertThat(given.getPath()).isEqualTo("/billing");
        return base() + given.getRawPath() + "?" + given.getRawQuery();
    }

    private void signIn(String email) {
        page.navigate("/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(base() + "/");
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator link(String name) {
        return page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

}
