package dev.mailsift.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.mailsift.MailSiftApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' pages in a headless Chromium against the service on its embedded default: an auditor follows one
 * account through the event stream, exports it, reads its balance as of an instant and finds the history intact; a
 * plain user is told the pages are not theirs; an operator rebuilds read models. Every page is photographed, light and
 * dark, and checked with axe-core ({@link SystemChromium}). The browser runs in Paris time, so the date-time inputs'
 * conversion to instants is part of what is checked.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "dev.mailsift.web.dashboard.SystemChromium#installed",
        disabledReason = "no Chromium at /usr/bin/chromium (apt-get install chromium)")
class AuditDashboardBrowserTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int TRIAL_CREDITS = 50;
    private static final String OPERATOR = "operator@audit-e2e.com";
    private static final ZoneId BROWSER_ZONE = ZoneId.of("Europe/Paris");
    private static final String PROBE = "<img src=x onerror=alert(1)>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        embeddedDefault(registry, "mailsift-audit-dashboard-");
        registry.add("mailsift.billing.sign-up-credits", () -> TRIAL_CREDITS);
        registry.add("mailsift.admin.email", () -> OPERATOR);
        registry.add("mailsift.admin.password", () -> PASSWORD);
    }

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return super.contextOptions().setLocale("en-GB").setTimezoneId(BROWSER_ZONE.getId());
    }

    @Test
    void anAuditorFollowsAnAccountThroughTheStreamExportsItSeesItsBalanceAsOfAnInstantAndFindsTheHistoryIntact()
            throws Exception {
        String member = unique("member");
        String memberToken = accounts.confirmed(member, PASSWORD);
        String memberId = accounts.call("GET", "/api/v1/account", memberToken, null, 200).get("id").asText();
        String operatorToken = accounts.signIn(OPERATOR, PASSWORD);
        // the trial grant (seen above) and the operator's grant over two seconds apart: the instant read below, a
        // second before the grant truncated to a whole second, is then always after the trial grant
        Thread.sleep(2_100);
        accounts.call("POST", "/api/v1/admin/users/" + memberId + "/credits", operatorToken,
                Map.of("amount", 1000, "reason", "Goodwill " + PROBE), 200);
        String auditor = unique("auditor");
        String auditorToken = accounts.confirmed(auditor, PASSWORD);
        String auditorId = accounts.call("GET", "/api/v1/account", auditorToken, null, 200).get("id").asText();
        accounts.call("PUT", "/api/v1/admin/users/" + auditorId + "/role", operatorToken, Map.of("role", "AUDITOR"),
                200);
        List<JsonNode> memberEvents = new ArrayList<>();
        accounts.call("GET", "/api/v1/audit/events?limit=500&aggregate_id=" + memberId, operatorToken, null, 200)
                .get("events").forEach(memberEvents::add);
        JsonNode grant = memberEvents.stream()
                                     .filter(event -> event.get("type").asText().equals("CreditsGranted")
                                             && event.get("payload").get("amount").asLong() == 1000)
                                     .findFirst().orElseThrow();
        long grantPosition = grant.get("position").asLong();
        Instant grantedAt = Instant.parse(grant.get("timestamp").asText());

        // an auditor lands on the event stream, and the nav offers nothing the API would refuse them
        signIn(auditor, "/audit");
        assertThat(page.locator("h1")).hasText("Event stream");
        assertThat(navLink("Audit")).hasAttribute("aria-current", "page");
        assertThat(navLink("Jobs")).hasCount(0);
        assertThat(navLink("Admin")).hasCount(0);
        SystemChromium.screenshot(page, "audit-stream");

        page.getByLabel("Aggregate id").fill(memberId);
        button("Filter").click();
        assertThat(page).hasURL(base() + "/audit?aggregate_id=" + memberId);
        Locator rows = page.locator("table.audit-table tbody tr:not(.audit-payload)");
        assertThat(rows).hasCount(memberEvents.size());
        for (int i = 0; i < memberEvents.size(); i++) {
            assertThat(rows.nth(i).locator("td").first()).hasText(memberEvents.get(i).get("position").asText());
            // the table shortens ids; screen readers and the link's title get them whole
            assertThat(rows.nth(i).locator(".audit-aggregate a")).hasAttribute("title", "History of User " + memberId);
            assertThat(rows.nth(i).locator(".audit-aggregate .visually-hidden")).hasText(memberId);
        }
        Locator grantRow = page.locator("tr[data-position=\"" + grantPosition + "\"]");
        assertThat(grantRow.locator(".event-name")).hasText("CreditsGranted");
        assertThat(grantRow.locator(".audit-actor")).hasAttribute("title", grant.get("actor").asText());
        assertThat(grantRow.locator(".audit-time")).hasText(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss")
                .format(grantedAt.atZone(BROWSER_ZONE)));
        assertThat(page.locator("#event-" + grantPosition)).isHidden();

        // the payload, expanded: pretty JSON in which the operator's reason is text, not an image
        button("Show payload of event " + grantPosition).click();
        Locator payload = page.getByRole(AriaRole.REGION,
                new Page.GetByRoleOptions().setName("Payload of event " + grantPosition));
        assertThat(payload).isVisible();
        assertThat(payload).containsText("\"amount\": 1000");
        assertThat(payload).containsText("\"reason\": \"Goodwill " + PROBE + "\"");
        assertThat(page.locator("main img")).hasCount(0);
        assertThat(button("Hide payload of event " + grantPosition)).hasAttribute("aria-expanded", "true");
        SystemChromium.screenshot(page, "audit-stream-payload");

        // the export: every event of the filter, one JSON object per line, as the API has them
        Download export = page.waitForDownload(() -> button("Export NDJSON").click());
        assertThat(export.suggestedFilename()).isEqualTo("mailsift-events.ndjson");
        List<String> lines = Files.readString(export.path(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(memberEvents.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            assertThat(line.get("aggregate_id").asText()).isEqualTo(memberId);
            assertThat(line.get("position")).isEqualTo(memberEvents.get(i).get("position"));
            assertThat(line.get("payload")).isEqualTo(memberEvents.get(i).get("payload"));
        }
        assertThat(page.locator(".notice-success")).containsText("Downloaded mailsift-events.ndjson");

        // the account right after the grant, then a second before it: the balance of each instant
        page.locator("#event-" + grantPosition).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("The account right after this event")).click();
        assertThat(page.locator("h1")).hasText("State as of an instant");
        assertThat(page.locator(".state-available")).hasText("1,050");
        assertThat(page.locator(".state-reserved")).hasText("0");
        Instant before = grantedAt.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        page.getByLabel("As of (your time, Europe/Paris; empty for now)",
                new Page.GetByLabelOptions().setExact(true))
            .fill(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(before.atZone(BROWSER_ZONE)));
        button("Show the state").click();
        assertThat(page).hasURL(base() + "/audit/state?kind=user&id=" + memberId + "&as_of="
                + before.toString().replace(":", "%3A").replace("Z", ".000Z"));
        assertThat(page.locator(".state-available")).hasText(String.valueOf(TRIAL_CREDITS));
        assertThat(Instant.parse(page.locator("#state-heading time").getAttribute("datetime"))).isEqualTo(before);
        assertThat(page.locator(".audit-state")).containsText("active");
        SystemChromium.screenshot(page, "audit-state");

        // the account's own history page, from the state
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The account’s events")).click();
        assertThat(page.locator("h1")).hasText("User history");
        assertThat(page.locator("table.audit-table tbody tr:not(.audit-payload)")).hasCount(memberEvents.size());
        SystemChromium.screenshot(page, "audit-aggregate");

        // the history is intact, and its latest checkpoint can be taken away
        auditLink("Integrity").click();
        assertThat(page.locator(".integrity-verdict")).containsText("Intact.");
        Download checkpoint = page.waitForDownload(() -> button("Download the latest checkpoint").click());
        JsonNode kept = JSON.readTree(Files.readString(checkpoint.path(), StandardCharsets.UTF_8));
        assertThat(kept.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(kept.get("signature").asText()).isNotBlank();
        assertThat(kept.get("position").asLong()).isPositive();
        SystemChromium.screenshot(page, "audit-integrity");

        // an auditor sees the processors, and no way to rebuild one
        auditLink("Processors").click();
        assertThat(page.locator("tr[data-processor=\"accounts\"]")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild accounts")))
                .hasCount(0);
        assertThat(page.locator("main")).containsText("Operators can rebuild a read model from here.");
    }

    @Test
    void aPlainUserIsToldTheAuditPagesAreNotTheirs() {
        signIn(accountOfOwn(), "/");
        assertThat(navLink("Audit")).hasCount(0);
        for (String path : List.of("/audit/integrity", "/audit/processors", "/audit/state",
                "/audit/aggregate?type=User&id=someone", "/audit")) {
            page.navigate(path);
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("Only auditors and operators can read the audit "
                    + "history. An operator can grant your account the auditor role.");
        }
        SystemChromium.screenshot(page, "audit-not-allowed");
    }

    @Test
    void anOperatorRebuildsReadModelsFromTheProcessorsPageAndTheAccountsAreAsBefore() {
        String member = unique("rebuilt");
        String memberToken = accounts.confirmed(member, PASSWORD);
        JsonNode before = accounts.call("GET", "/api/v1/account", memberToken, null, 200);

        signIn(OPERATOR, "/");
        navLink("Audit").click();
        auditLink("Processors").click();
        assertThat(page.locator("h1")).hasText("Event processors");
        // the processors that act on what they read (mail, credits, webhooks) have no rebuild
        assertThat(page.locator("tr[data-processor] button")).hasCount(5);
        SystemChromium.screenshot(page, "audit-processors");

        button("Rebuild accounts").click();
        assertThat(page.locator("#rebuild-heading")).hasText("Rebuild the accounts read model?");
        assertThat(button("Yes, rebuild accounts")).isFocused();
        SystemChromium.screenshot(page, "audit-processors-rebuild");
        button("Yes, rebuild accounts").click();
        assertThat(page.locator(".notice-success")).hasText("Accepted: accounts is being rebuilt from the first "
                + "event. The list shows when it has caught up.");
        // the list follows the replay until it has caught up, without a reload
        assertThat(page.locator("tr[data-processor=\"accounts\"] .processor-state"))
                .hasText("running", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                        .setTimeout(60_000));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                accounts.call("GET", "/api/v1/account", memberToken, null, 200)).isEqualTo(before));

        button("Rebuild credentials").click();
        button("Yes, rebuild credentials").click();
        assertThat(page.locator(".notice-success")).hasText("Done: credentials is rebuilt from the first event.");
        // the sign-in lookup it rebuilt still signs the member in
        accounts.signIn(member, PASSWORD);
    }

    private String accountOfOwn() {
        String email = unique("plain");
        accounts.confirmed(email, PASSWORD);
        return email;
    }

    /** Signs in through the page and waits for where the dashboard sends this person. */
    private void signIn(String email, String landing) {
        page.navigate("/sign-in");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        button("Sign in").click();
        assertThat(page).hasURL(base() + landing);
        page.locator("main h1").waitFor();
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator navLink(String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                   .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator auditLink(String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Audit pages"))
                   .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

}
