package dev.mailsift.web.dashboard;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.TestDnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as a person uses it, in a headless Chromium against the service on its embedded default: what the
 * page shows after each step is what is asserted. Every page it visits is also photographed
 * (see {@link SystemChromium}).
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "dev.mailsift.web.dashboard.SystemChromium#installed",
        disabledReason = "no Chromium at /usr/bin/chromium (apt-get install chromium)")
class DashboardBrowserTest extends BrowserTest {

    private static final String DOMAIN = "dashboard-e2e.com";
    private static final String PASSWORD = "correct horse battery";
    private static final int TRIAL_CREDITS = 50;
    private static final String OPERATOR = "operator@dashboard-e2e.com";

    /** Mailboxes at {@value #DOMAIN}: ada… exists, held… exists once the test lets it answer, the rest do not. */
    private static final TestDnsServer DNS;
    private static final ScriptedSmtpServer SMTP;
    private static volatile CountDownLatch held = new CountDownLatch(0);

    static {
        try {
            DNS = new TestDnsServer().mx(DOMAIN, 10, "mx." + DOMAIN).a("mx." + DOMAIN, "127.0.0.1");
            SMTP = ScriptedSmtpServer.start("127.0.0.1", 0, false, recipient -> {
                if (recipient.startsWith("ada")) {
                    return ScriptedSmtpServer.ACCEPT;
                }
                if (recipient.startsWith("held")) {
                    try {
                        held.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ScriptedSmtpServer.ACCEPT;
                }
                return new ScriptedSmtpServer.Reject(550, "5.1.1 no such user");
            });
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        embeddedDefault(registry, "mailsift-dashboard-");
        registry.add("mailsift.billing.sign-up-credits", () -> TRIAL_CREDITS);
        registry.add("mailsift.billing.low-credit-threshold", () -> TRIAL_CREDITS + 1);
        registry.add("mailsift.pipeline.engine.dns-server", () -> "127.0.0.1:" + DNS.port());
        registry.add("mailsift.pipeline.engine.smtp-port", SMTP::port);
        registry.add("mailsift.pipeline.engine.smtp-probe", () -> "on");
        // a held mailbox answers within a minute, the engine must wait for it
        registry.add("mailsift.pipeline.engine.command-timeout", () -> "PT90S");
        registry.add("mailsift.pipeline.chunk-size", () -> "2");
        registry.add("mailsift.admin.email", () -> OPERATOR);
        registry.add("mailsift.admin.password", () -> PASSWORD);
        // the webhook receiver the tests run listens on loopback
        registry.add("mailsift.webhooks.allowed-private-networks", () -> "127.0.0.0/8");
    }

    @Test
    void aNewPersonSignsUpConfirmsWithTheMailedCodeSeesTheirTrialCreditsAndSignsOutAndBackIn() {
        String email = unique("newcomer");
        page.navigate("/");
        assertThat(page).hasURL(base() + "/sign-in");
        // Google sign-in is not configured here: no button for it (DashboardWithProvidersBrowserTest has one)
        assertThat(page.locator("form button[type=submit]")).hasText("Sign in");
        assertThat(page.getByText("Sign in with Google")).hasCount(0);
        assertThat(accounts.call("GET", "/api/v1/auth/providers", null, null, 200).get("providers")).isEmpty();
        SystemChromium.screenshot(page, "sign-in");
        page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Create an account").setExact(true)).first().click();
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password (10 to 72 characters)").fill(PASSWORD);
        SystemChromium.screenshot(page, "sign-up");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();

        assertThat(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Confirm your email"))).isVisible();
        assertThat(page.locator("main")).containsText("Enter the 6-digit code we mailed to " + email);
        page.getByLabel("Confirmation code").fill("000000");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Confirm email")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        SystemChromium.screenshot(page, "confirm-email-wrong-code");
        page.getByLabel("Confirmation code").fill(Accounts.mailedCode(email, Accounts.CONFIRMATION));
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Confirm email")).click();

        assertThat(page).hasURL(base() + "/");
        assertThat(page.locator("main")).containsText("Your email is confirmed.");
        // the trial credits are granted when the address is confirmed, a moment later: a reload shows them
        page.waitForCondition(() -> {
            page.reload();
            page.locator("main h1").waitFor();
            return page.locator(".credits-available").textContent().equals(String.valueOf(TRIAL_CREDITS));
        });
        assertThat(page.locator(".low-credits")).containsText("You are running low on credits: 50 left.");
        assertThat(page.locator("main")).containsText("No lists yet.");
        assertThat(page.locator(".usage-summary")).hasText("No credits used in the last 30 days.");
        SystemChromium.screenshot(page, "home-new-account");

        button("Sign out").click();
        assertThat(page).hasURL(base() + "/sign-in");
        // the address changes before the sign-in page replaces the home page and its two status lines
        assertThat(page.locator("main h1")).hasText("Sign in to MailSift");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have signed out.");
        page.navigate("/jobs");
        assertThat(page).hasURL(base() + "/sign-in?next=%2Fjobs");

        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(base() + "/jobs");
        assertThat(page.locator("h1")).hasText("Jobs");
    }

    @Test
    void aPersonWhoForgotTheirPasswordSetsANewOneWithTheMailedCode() {
        String email = unique("forgetful");
        accounts.confirmed(email, PASSWORD);
        page.navigate("/sign-in");
        page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Forgot your password?")).click();
        page.getByLabel("Email").fill(email);
        button("Mail me a code").click();
        assertThat(page.getByRole(AriaRole.STATUS))
                .containsText("a code is on its way there");
        page.getByLabel("Code from the mail").fill(Accounts.mailedCode(email, Accounts.PASSWORD_RESET));
        page.getByLabel("New password (10 to 72 characters)").fill("remembered horse battery");
        SystemChromium.screenshot(page, "reset-password");
        button("Set new password").click();

        assertThat(page).hasURL(base() + "/sign-in");
        assertThat(page.getByRole(AriaRole.STATUS))
                .hasText("Your password is reset. Sign in with the new one.");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("remembered horse battery");
        button("Sign in").click();
        assertThat(page).hasURL(base() + "/");
    }

    @Test
    void anUnconfirmedAccountIsToldToConfirmBeforeItsListIsVerified() {
        String email = unique("unconfirmed");
        accounts.call("POST", "/api/v1/users", null, Map.of("email", email, "password", PASSWORD), 201);
        signIn(email);
        assertThat(page.locator("main")).containsText("Confirm your email address to verify lists.");
        link("Upload a list").click();
        assertThat(page.locator("main")).containsText("Confirm your email address first");
        page.getByLabel("Choose a file or drop it here").setInputFiles(new FilePayload("early.csv", "text/csv",
                ("email\nada@" + DOMAIN + "\n").getBytes(StandardCharsets.UTF_8)));
        button("Verify this list").click();

        assertThat(page.locator(".job-status")).containsText("rejected");
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("Your account may not verify lists yet: confirm your email address first. "
                        + "Nothing was charged.");
    }

    @Test
    void withTwoFactorOnSigningInAsksForTheAuthenticatorCodeAfterThePassword() {
        String email = unique("twofactor");
        byte[] key = accounts.turnOnTwoFactor(accounts.confirmed(email, PASSWORD));

        page.navigate("/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        button("Sign in").click();
        assertThat(page.getByLabel("Authentication code")).isVisible();
        SystemChromium.screenshot(page, "sign-in-two-factor");
        page.getByLabel("Authentication code").fill("123456".equals(Accounts.totp(key, 1)) ? "654321" : "123456");
        button("Sign in").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("That code is not right");

        page.getByLabel("Authentication code").fill(Accounts.totp(key, 1)); // the confirmation used this step's
        button("Sign in").click();
        assertThat(page).hasURL(base() + "/");
        assertThat(page.locator(".credits-available")).isVisible();
    }

    @Test
    void anUploadedListVerifiesLiveOnItsJobPageUntilCompletedWithItsCountsAndResults() {
        String email = unique("uploader");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        held = new CountDownLatch(1);
        try {
            page.navigate("/upload");
            SystemChromium.screenshot(page, "upload");
            page.getByLabel("Choose a file or drop it here").setInputFiles(new FilePayload("friends.csv", "text/csv",
                    ("name,email\nAda,ada@" + DOMAIN + "\nBob,bob@" + DOMAIN + "\nHeld,held@" + DOMAIN + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(page.locator(".drop-chosen")).hasText("friends.csv");
            // before anything is charged: what the list will cost, and the column the addresses come from
            assertThat(page.locator(".preview-cost")).containsText("This list will cost 3 credits");
            assertThat(page.locator(".preview-rows th.email-column")).hasText("email");
            assertThat(page.locator(".preview-rows td.email-column").first()).hasText("ada@" + DOMAIN);
            SystemChromium.screenshot(page, "upload-preview");
            button("Verify this list").click();

            // one mailbox holds its answer: the page shows the job part-way, still verifying
            assertThat(page).hasURL(Pattern.compile(base() + "/jobs/[A-Za-z0-9_-]+"));
            assertThat(page.locator("h1")).hasText("friends.csv");
            assertThat(page.locator(".job-progress")).containsText("2 of 3 unique addresses checked");
            assertThat(page.locator(".job-status")).containsText("validating");
            SystemChromium.screenshot(page, "job-verifying");
        } finally {
            held.countDown();
        }
        // the held mailbox answers: the same page, never reloaded, reaches the end
        assertThat(page.locator(".job-status")).containsText("completed");
        assertThat(page.locator(".job-progress")).containsText("3 of 3 unique addresses checked");
        assertThat(page.locator(".count-deliverable")).hasText("2");
        assertThat(page.locator(".count-undeliverable")).hasText("1");
        assertThat(page.locator(".count-risky")).hasText("0");
        assertThat(page.locator(".count-unknown")).hasText("0");
        // and why: the verdicts by reason, most first, each count and share as text beside its bar
        Locator reasons = page.locator("table.reason-chart tbody tr");
        assertThat(reasons).hasCount(2);
        assertThat(reasons.nth(0)).hasAttribute("data-reason", "accepted");
        assertThat(reasons.nth(0).locator("th")).hasText("Mailbox accepted mail accepted");
        assertThat(reasons.nth(0).locator(".reason-count")).hasText("2");
        assertThat(reasons.nth(0).locator(".reason-share")).hasText("67%");
        assertThat(reasons.nth(1)).hasAttribute("data-reason", "mailbox_not_found");
        assertThat(reasons.nth(1).locator(".reason-count")).hasText("1");
        assertThat(reasons.nth(1).locator(".reason-share")).hasText("33%");
        assertThat(reasons.locator("svg.reason-bar")).hasCount(2);
        // the longer bar is the more frequent reason's
        String barWidth = "rect => rect.width.baseVal.value";
        assertThat(((Number) reasons.nth(0).locator(".reason-fill").evaluate(barWidth)).doubleValue())
                .isGreaterThan(((Number) reasons.nth(1).locator(".reason-fill").evaluate(barWidth)).doubleValue());
        SystemChromium.screenshot(page, "job-completed");
        page.getByText("History of this job").click();
        assertThat(page.locator("#job-history tbody tr").first()).containsText("Job uploaded");
        assertThat(page.locator("#job-history tbody tr").last()).containsText("Job completed");
        assertThat(button("Show more")).isHidden();
        SystemChromium.screenshot(page, "job-history");

        Download csv = page.waitForDownload(() -> button("Download CSV").click());
        assertThat(csv.suggestedFilename()).endsWith(".csv");
        String results = readDownload(csv);
        assertThat(results.lines().findFirst().orElseThrow()).startsWith("name,email,status");
        assertThat(results).contains("Ada,ada@" + DOMAIN + ",deliverable")
                           .contains("Bob,bob@" + DOMAIN + ",undeliverable");
        Download xlsx = page.waitForDownload(() -> button("Download Excel (XLSX)").click());
        assertThat(xlsx.suggestedFilename()).endsWith(".xlsx");
        // only the statuses ticked: every one is ticked at first; without undeliverable, Bob's row is left out
        assertThat(page.getByLabel("deliverable (2)", new Page.GetByLabelOptions().setExact(true))).isChecked();
        page.getByLabel("undeliverable (1)", new Page.GetByLabelOptions().setExact(true)).uncheck();
        SystemChromium.screenshot(page, "job-download-choices");
        String chosen = readDownload(page.waitForDownload(() -> button("Download CSV").click()));
        assertThat(chosen.lines().findFirst().orElseThrow()).startsWith("name,email,status");
        assertThat(chosen).contains("Ada,ada@" + DOMAIN + ",deliverable").doesNotContain("bob@" + DOMAIN);
        assertThat(chosen.lines()).hasSize(3);
        Download chosenXlsx = page.waitForDownload(() -> button("Download Excel (XLSX)").click());
        assertThat(chosenXlsx.suggestedFilename()).endsWith(".xlsx");

        // the jobs list and the home page tell the same story
        link("Jobs").click();
        assertThat(page.locator("table.jobs tbody tr")).hasCount(1);
        assertThat(page.locator("table.jobs tbody tr").first()).containsText("friends.csv");
        assertThat(page.locator("table.jobs tbody tr").first()).containsText("completed");
        assertThat(page.locator("table.jobs tbody tr").first()).containsText("100%");
        SystemChromium.screenshot(page, "jobs");
        link("Home").click();
        assertThat(page.locator(".credits-available")).hasText(String.valueOf(TRIAL_CREDITS - 3));
        assertThat(page.locator("table.jobs")).containsText("friends.csv");
        // the chart of credits used: a bar per day, today's the list's 3 credits, named for screen readers
        assertThat(page.locator(".usage-chart rect")).hasCount(30);
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(
                Pattern.compile("^3 credits used in the last 30 days")))).isVisible();
        assertThat(page.locator(".usage-chart rect.usage-bar-zero")).hasCount(29);
        SystemChromium.screenshot(page, "home-with-jobs");
        page.getByText("Show the numbers").click();
        assertThat(page.locator("table.usage-days tbody tr")).hasCount(30);
        assertThat(page.locator("table.usage-days tbody tr").first()).containsText("3");
        link("Credits").click();
        // newest first: the list's 3 credits charged, after they were reserved; the trial credits at the bottom
        assertThat(page.locator("table.statement tbody tr").first()).containsText("Charged");
        assertThat(page.locator("table.statement tbody tr").first()).containsText(String.valueOf(TRIAL_CREDITS - 3));
        assertThat(page.locator("table.statement tbody tr").last()).containsText("trial credits");
        assertThat(page.locator("table.statement tbody tr").last()).containsText(String.valueOf(TRIAL_CREDITS));
        SystemChromium.screenshot(page, "billing-statement");
        Download statement = page.waitForDownload(() -> button("Download statement (CSV)").click());
        assertThat(readDownload(statement)).contains("captured");
        link("Home").click();
        page.setViewportSize(390, 844); // a phone
        SystemChromium.screenshot(page, "home-on-a-phone");
        page.locator("table.jobs a").click();
        assertThat(page.locator(".count-deliverable")).hasText("2");
        SystemChromium.screenshot(page, "job-on-a-phone");
    }

    @Test
    void aRunningJobCancelledFromItsPageKeepsTheVerdictsSoFarForDownload() {
        String email = unique("canceller");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        held = new CountDownLatch(1);
        try {
            link("Upload a list").click();
            page.getByLabel("Choose a file or drop it here").setInputFiles(new FilePayload("second-thoughts.csv",
                    "text/csv", ("email\nada@" + DOMAIN + "\nbob@" + DOMAIN + "\nheld@" + DOMAIN + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
            button("Verify this list").click();
            assertThat(page.locator(".job-progress")).containsText("2 of 3 unique addresses checked");

            page.onDialog(dialog -> dialog.accept());
            button("Cancel job").focus();
            page.keyboard().press("Enter"); // reachable from the keyboard
            assertThat(page.locator(".job-status")).containsText("cancelled");
        } finally {
            held.countDown();
        }
        assertThat(page.locator(".count-deliverable")).hasText("1");
        assertThat(page.locator(".count-undeliverable")).hasText("1");
        assertThat(button("Download CSV")).isVisible();
        assertThat(button("Cancel job")).hasCount(0);
        SystemChromium.screenshot(page, "job-cancelled");
    }

    @Test
    void oneAddressTypedOnTheVerifyPageGetsItsVerdictExplainedInWords() {
        String email = unique("checker");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Verify an address").click();
        assertThat(page.locator("h1")).hasText("Verify an address");
        SystemChromium.screenshot(page, "verify");

        page.getByLabel("Email address").fill("bob@" + DOMAIN);
        button("Verify address").click();
        assertThat(page.locator(".verdict-status")).hasText("undeliverable");
        assertThat(page.locator(".verdict-meaning")).hasText("Mail to this address will not arrive. Do not send to it.");
        assertThat(page.locator(".verdict-reason")).containsText("The mail server says this mailbox does not exist.");
        assertThat(page.locator(".verdict .facts")).containsText("Credits charged1");
        assertThat(page.locator(".verify-balance")).hasText(String.valueOf(TRIAL_CREDITS - 1));

        page.getByLabel("Email address").fill("ada@" + DOMAIN);
        button("Verify address").click();
        assertThat(page.locator(".verdict-status")).hasText("deliverable");
        assertThat(page.locator(".verdict-reason")).containsText("The mail server accepted this mailbox.");
        assertThat(page.locator(".verdict .facts")).containsText("mx." + DOMAIN);
        SystemChromium.screenshot(page, "verify-deliverable");

        page.getByLabel("Email address").fill("john@gmial.com");
        button("Verify address").click();
        assertThat(page.locator(".verdict-suggestion")).hasText("Did you mean john@gmail.com?");
        SystemChromium.screenshot(page, "verify-suggestion");
    }

    @Test
    void aListDroppedOnTheUploadAreaIsTheOneVerified() {
        String email = unique("dropper");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Upload a list").click();
        var files = page.evaluateHandle("""
                () => {
                  const dropped = new DataTransfer();
                  dropped.items.add(new File(['email\\nada@%s\\n'], 'dropped.txt', { type: 'text/plain' }));
                  return dropped;
                }""".formatted(DOMAIN));
        page.dispatchEvent(".drop-zone", "drop", Map.of("dataTransfer", files));
        assertThat(page.locator(".drop-chosen")).hasText("dropped.txt");
        button("Verify this list").click();

        assertThat(page.locator("h1")).hasText("dropped.txt");
        assertThat(page.locator(".job-status")).containsText("completed");
        assertThat(page.locator(".count-deliverable")).hasText("1");
        link("Home").click();
        assertThat(page.locator(".credits-available")).hasText(String.valueOf(TRIAL_CREDITS - 1));
    }

    @Test
    void buyingCreditsWithoutAPaymentProviderSaysSoPlainly() {
        String email = unique("buyer");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Credits").click();
        assertThat(page.locator(".pack:not(.plan)")).hasCount(3);
        assertThat(page.locator(".plan").first()).containsText("5,000 credits a month");
        assertThat(page.locator(".plan").first()).containsText("$19.00 / month");
        assertThat(page.locator(".pack").first()).containsText("1,000 credits");
        assertThat(page.locator(".pack").first()).containsText("$9.00");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Buy 1,000 credits")).click();
        assertThat(page.getByRole(AriaRole.ALERT))
                .containsText("Buying credits is not available on this server");
        SystemChromium.screenshot(page, "billing-not-configured");

        page.navigate("/billing?checkout=cancelled");
        assertThat(page.locator("main")).containsText("Checkout cancelled: nothing was charged.");
        page.navigate("/billing?checkout=cs_test_unknown");
        assertThat(page.locator("main")).containsText("We could not find this checkout");
    }

    @Test
    void aSessionEndedElsewhereSendsThePersonToSignInWithAMessageInsteadOfAHalfPage() {
        String email = unique("ended");
        String token = accounts.confirmed(email, PASSWORD);
        signIn(email);
        assertThat(page.locator(".credits-available")).isVisible();

        // a password change ends every session of the account, this browser's too
        accounts.call("POST", "/api/v1/account/password", token,
                Map.of("current_password", PASSWORD, "new_password", "another horse battery"), 204);
        link("Jobs").click();

        assertThat(page).hasURL(base() + "/sign-in?next=%2Fjobs");
        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText("Your session has ended. Please sign in again.");
        assertThat(page.locator("table.jobs")).hasCount(0);
        SystemChromium.screenshot(page, "session-ended");
    }

    @Test
    void inSettingsAPersonNamesThemselvesTurnsOnTwoFactorAndChangesTheirPassword() {
        String email = unique("settler");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Settings").click();
        page.getByLabel("First name").fill("Ada");
        page.getByLabel("Last name").fill("Lovelace");
        button("Save name").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your name is saved.");

        assertThat(button("Turn two-factor sign-in off")).hasCount(0);
        button("Set up two-factor sign-in").click();
        assertThat(page.locator("img.qr")).isVisible();
        // the QR code is an image the page may show (the CSP lets data: images through, nothing else)
        assertThat((Boolean) page.locator("img.qr").evaluate("image => image.complete && image.naturalWidth > 0"))
                .isTrue();
        byte[] key = Accounts.base32(page.locator(".totp-secret").textContent());
        SystemChromium.screenshot(page, "settings-two-factor-setup");
        page.getByLabel("Code from the app").fill(Accounts.totp(key, 0));
        button("Turn on").click();
        assertThat(page.locator(".recovery-codes li")).hasCount(10);
        SystemChromium.screenshot(page, "settings-recovery-codes");
        // on the next visit the page knows it is on, and offers only to turn it off
        page.reload();
        assertThat(page.locator(".two-factor")).containsText("Two-factor sign-in is on");
        assertThat(button("Set up two-factor sign-in")).hasCount(0);
        assertThat(button("Turn two-factor sign-in off")).isVisible();

        page.getByLabel("Current password").fill(PASSWORD);
        page.getByLabel("New password (10 to 72 characters)").fill("another horse battery");
        button("Change password").click();
        assertThat(page).hasURL(base() + "/sign-in");
        assertThat(page.getByRole(AriaRole.STATUS))
                .hasText("Your password is changed. Sign in with the new one.");

        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("another horse battery");
        button("Sign in").click();
        page.getByLabel("Authentication code").fill(Accounts.totp(key, 1));
        button("Sign in").click();
        assertThat(page.locator("h1")).hasText("Welcome, Ada");
    }

    @Test
    void anApiKeyMadeInSettingsIsShownOnceWorksAndStopsWorkingWhenRevoked() {
        String email = unique("programmer");
        accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Settings").click();
        assertThat(page.locator("main")).containsText("No API keys yet.");
        page.getByLabel("Label for a new key").fill("nightly import");
        button("Create key").click();

        String key = page.locator(".api-key-value").textContent();
        assertThat(key).startsWith("ms_live_");
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        button("Copy key").click();
        assertThat(page.locator(".copy-status")).hasText("Copied.");
        assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(key);
        assertThat(page.locator("table.api-keys tbody tr")).hasCount(1);
        assertThat(page.locator("table.api-keys")).containsText("nightly import");
        SystemChromium.screenshot(page, "settings-api-keys");
        assertThat(accounts.call("GET", "/api/v1/account", key, null, 200).get("email").asText()).isEqualTo(email);

        button("Revoke nightly import").click();
        assertThat(page.locator("table.api-keys tbody tr").first()).containsText("revoked");
        accounts.call("GET", "/api/v1/account", key, null, 401);

        // the account's own history, read from its events: the key made and revoked, by this person
        page.getByText("Everything recorded about your account").click();
        assertThat(page.locator("#account-history tbody tr").first()).containsText("User registered");
        assertThat(page.locator("#account-history tbody")).containsText("API key issued");
        assertThat(page.locator("#account-history tbody tr").last()).containsText("API key revoked");
        assertThat(page.locator("#account-history tbody tr").last()).containsText("you");
        SystemChromium.screenshot(page, "settings-history");
    }

    @Test
    void aPictureUploadedInSettingsShowsThereAndInTheNavUntilItIsRemoved() throws Exception {
        String email = unique("portrait");
        String token = accounts.confirmed(email, PASSWORD);
        signIn(email);
        link("Settings").click();
        assertThat(page.locator(".avatar-none")).hasText("No picture yet.");
        assertThat(button("Remove picture")).isHidden();
        Locator file = page.getByLabel("Picture file");
        Locator outcome = page.locator(".avatar-section .notice");

        // too large: told before anything is sent
        file.setInputFiles(new FilePayload("huge.png", "image/png", new byte[3 * 1024 * 1024]));
        button("Upload picture").click();
        assertThat(outcome).hasText("That file is 3 MB; a picture may be at most 2 MB.");
        // not an image, whatever its name says: the server's answer, shown as text
        file.setInputFiles(new FilePayload("notes.png", "image/png",
                "<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8)));
        button("Upload picture").click();
        assertThat(outcome).hasText("An avatar must be a PNG, JPEG or GIF image.");
        assertThat(page.locator("main img")).hasCount(0);

        file.setInputFiles(new FilePayload("me.png", "image/png", portrait(64, 48)));
        button("Upload picture").click();
        assertThat(outcome).hasText("Your picture is saved.");
        Locator shown = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Your picture"));
        assertThat(shown).isVisible();
        assertThat(naturalWidth(shown)).isEqualTo(64); // smaller than 512 a side: kept at its size
        Locator inNav = page.locator("#nav img.nav-avatar");
        assertThat(naturalWidth(inNav)).isEqualTo(64);
        assertThat(button("Remove picture")).isVisible();
        SystemChromium.screenshot(page, "settings-avatar");
        assertThat(accounts.call("GET", "/api/v1/account", token, null, 200).get("has_avatar").asBoolean()).isTrue();

        // the nav keeps it on every page, and after a reload (read again with the new session's token)
        link("Jobs").click();
        assertThat(naturalWidth(page.locator("#nav img.nav-avatar"))).isEqualTo(64);
        page.reload();
        assertThat(naturalWidth(page.locator("#nav img.nav-avatar"))).isEqualTo(64);

        link("Settings").click();
        button("Remove picture").click();
        assertThat(outcome).hasText("Your picture is removed.");
        assertThat(page.locator(".avatar-none")).hasText("No picture yet.");
        assertThat(page.locator("#nav img")).hasCount(0);
        assertThat(button("Remove picture")).isHidden();
        accounts.call("GET", "/api/v1/account/avatar", token, null, 404);
    }

    /** A small PNG: a blue square with a lighter disc, made here rather than read from a file. */
    private static byte[] portrait(int width, int height) throws Exception {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x1d4ed8));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(new java.awt.Color(0xbcd2ff));
        graphics.fillOval(width / 4, height / 6, width / 2, height * 2 / 3);
        graphics.dispose();
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /** The width of the picture the browser decoded (0 for one it could not show). */
    private static int naturalWidth(Locator image) {
        image.waitFor();
        return ((Number) image.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)")).intValue();
    }

    @Test
    void anOperatorFindsAccountsSuspendsOneWhoseOpenPageThenShowsItGrantsCreditsAndReinstates() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String member = "member-" + tag + "@example.com";
        String other = "other-" + tag + "@example.com";
        accounts.confirmed(member, PASSWORD);
        String otherToken = accounts.confirmed(other, PASSWORD);
        // the member watches a running job on their jobs list
        signIn(member);
        assertThat(link("Admin")).hasCount(0);
        held = new CountDownLatch(1);
        try {
            link("Upload a list").click();
            page.getByLabel("Choose a file or drop it here").setInputFiles(new FilePayload("long-list.csv",
                    "text/csv", ("email\nada@" + DOMAIN + "\nbob@" + DOMAIN + "\nheld@" + DOMAIN + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
            button("Verify this list").click();
            assertThat(page.locator(".job-progress")).containsText("2 of 3 unique addresses checked");
            link("Jobs").click();
            assertThat(page.locator("table.jobs tbody tr").first()).containsText("validating");

            Page operator = newBrowserPage();
            signIn(operator, OPERATOR);
            link(operator, "Admin").click();
            assertThat(operator.locator("h1")).hasText("Accounts");
            operator.getByLabel("Address contains").fill(tag);
            button(operator, "Search").click();
            assertThat(operator).hasURL(base() + "/admin?email=" + tag);
            assertThat(operator.locator("table.admin-users tbody tr")).hasCount(2);
            assertThat(operator.locator(".admin-total")).hasText("2 accounts with “" + tag + "” in the address.");
            SystemChromium.screenshot(operator, "admin-accounts");

            button(operator, "Suspend " + member).click();
            // what the operator types is shown as text, never read as HTML
            operator.getByLabel("Reason (optional, recorded on the account)").fill("Chargebacks <img src=x onerror=alert(1)>");
            SystemChromium.screenshot(operator, "admin-suspend");
            button(operator, "Suspend account").click();
            Locator memberRow = operator.locator("tr[data-user=\"" + member + "\"]");
            assertThat(memberRow.locator(".admin-standing"))
                    .hasText("suspended Chargebacks <img src=x onerror=alert(1)>");
            assertThat(operator.locator("main img")).hasCount(0);

            // the member's open page learns it at its next call, without a click
            assertThat(page).hasURL(base() + "/sign-in");
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("Your account is suspended: you have been signed out. "
                    + "Contact support to have it reinstated.");
            SystemChromium.screenshot(page, "account-suspended");
            page.getByLabel("Email").fill(member);
            page.getByLabel("Password").fill(PASSWORD);
            button("Sign in").click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("suspended");

            button(operator, "Grant credits to " + other).click();
            operator.getByLabel("Credits to grant").fill("1000");
            operator.getByLabel("Reason (recorded on the account)").fill("A longer trial");
            SystemChromium.screenshot(operator, "admin-grant-credits");
            button(operator, "Grant credits").click();
            assertThat(operator.locator(".notice-success"))
                    .hasText("Granted 1,000 credits to " + other + ": 1,050 available now."); // 50 trial + 1,000
            // the account's read model follows a moment later
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> accounts.call(
                    "GET", "/api/v1/account", otherToken, null, 200).get("credits_available").asLong()
                    == TRIAL_CREDITS + 1000);

            button(operator, "Reinstate " + member).click();
            assertThat(operator.locator(".notice-success")).hasText(member + " is reinstated: the account can sign in "
                    + "and work again.");
            assertThat(memberRow.locator(".admin-standing")).hasText("active");
        } finally {
            held.countDown();
        }
        signIn(member);
        assertThat(page.locator(".credits-available")).isVisible();
    }

    @Test
    void aWebhookEndpointAddedInTheDashboardGetsASignedTestMessageWhoseDeliveryShowsInItsLog() throws Exception {
        List<Delivered> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new Delivered(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "thanks <b>MailSift</b>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        try {
            String email = unique("integrator");
            accounts.confirmed(email, PASSWORD);
            signIn(email);
            page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
            link("Webhooks").click();
            assertThat(page.locator("main")).containsText("No endpoints yet");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            page.getByLabel("Endpoint URL").fill(url);
            page.getByLabel("Description (optional)").fill("CRM sync <img src=x onerror=alert(1)>");
            page.getByLabel("job.completed", new Page.GetByLabelOptions().setExact(true)).check();
            SystemChromium.screenshot(page, "webhooks-add");
            button("Add endpoint").click();

            // the secret, shown this once, copied with a button
            assertThat(page.locator(".new-secret .notice")).containsText("Copy its signing secret now");
            String secret = page.locator(".webhook-secret").textContent();
            assertThat(secret).startsWith("whsec_");
            button("Copy secret").click();
            assertThat(page.locator(".copy-status")).hasText("Copied.");
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(secret);
            Locator endpoints = page.locator("table.webhook-endpoints tbody tr");
            assertThat(endpoints).hasCount(1);
            assertThat(endpoints.first()).containsText("job.completed");
            assertThat(endpoints.first().locator(".endpoint-description"))
                    .hasText("CRM sync <img src=x onerror=alert(1)>");
            SystemChromium.screenshot(page, "webhooks");
            // who changed the endpoints: the owner, in words
            page.locator("#webhooks-history summary").click();
            assertThat(page.locator("#webhooks-history tbody tr").first()).containsText("Webhook endpoint added");
            assertThat(page.locator("#webhooks-history tbody tr").first()).containsText("you");

            endpoints.first().getByRole(AriaRole.LINK).click();
            assertThat(page.locator("h1")).hasText("Webhook endpoint");
            assertThat(page.locator("main")).containsText("No messages yet.");
            button("Send a test message").click();
            Locator delivery = page.locator("table.deliveries tbody tr").first();
            assertThat(delivery).containsText("webhook.test");
            assertThat(delivery.locator(".badge")).hasText("delivered");
            assertThat(delivery).containsText("1 attempt: HTTP 200");
            delivery.locator("summary").click();
            // the log keeps an answer's body only from a public address, and this receiver is on loopback
            assertThat(delivery.locator("li")).containsText("HTTP 200");
            assertThat(delivery.locator("pre.answer")).hasCount(0);
            SystemChromium.screenshot(page, "webhook-deliveries");
            // what arrived is signed with the secret the page showed
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> received.size() == 1);
            Delivered test = received.getFirst();
            assertThat(test.body()).contains("\"type\":\"webhook.test\"");
            assertThat(test.signature().split(" ")).contains("v1," + sign(secret, test));

            // sent again from the log: the same message, a second attempt
            button("Send again the webhook.test message").click();
            assertThat(delivery).containsText("2 attempts: HTTP 200");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received.get(1).id()).isEqualTo(test.id());

            page.getByLabel("credits.granted", new Page.GetByLabelOptions().setExact(true)).check();
            button("Save changes").click();
            assertThat(page.locator(".notice-success")).hasText("Your changes are saved.");
            assertThat(page.locator(".endpoint-facts")).containsText("job.completed");
            assertThat(page.locator(".endpoint-facts")).containsText("credits.granted");

            page.onDialog(dialog -> dialog.accept());
            button("Rotate the secret").click();
            assertThat(page.locator(".new-secret .notice")).containsText("New signing secret made");
            assertThat(page.locator(".webhook-secret")).not().hasText(secret);
            assertThat(page.locator(".webhook-secret")).hasText(Pattern.compile("^whsec_"));
            SystemChromium.screenshot(page, "webhook-endpoint");

            button("Delete endpoint").click();
            assertThat(page).hasURL(base() + "/webhooks");
            assertThat(page.locator(".notice-success")).hasText("The endpoint " + url + " is deleted.");
            assertThat(page.locator("main")).containsText("No endpoints yet");
        } finally {
            receiver.stop(0);
        }
    }

    /** A message as the test's receiver got it. */
    private record Delivered(String id, String timestamp, String signature, String body) {
    }

    /** Standard Webhooks: base64 of HMAC-SHA256 over "id.timestamp.body", keyed with the secret after whsec_. */
    private static String sign(String secret, Delivered message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring(6)),
                "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal((message.id() + "." + message.timestamp()
                + "." + message.body()).getBytes(StandardCharsets.UTF_8)));
    }

    private void signIn(String email) {
        signIn(page, email);
    }

    private void signIn(Page in, String email) {
        in.navigate("/sign-in");
        in.getByLabel("Email").fill(email);
        in.getByLabel("Password").fill(PASSWORD);
        button(in, "Sign in").click();
        assertThat(in).hasURL(base() + "/");
    }

    private Locator button(String name) {
        return button(page, name);
    }

    private static Locator button(Page in, String name) {
        return in.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator link(String name) {
        return link(page, name);
    }

    private static Locator link(Page in, String name) {
        return in.getByRole(AriaRole.NAVIGATION)
                 .getByRole(AriaRole.LINK,
                         new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static String readDownload(Download download) {
        try {
            return Files.readString(download.path(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
