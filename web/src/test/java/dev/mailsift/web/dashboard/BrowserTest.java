package dev.mailsift.web.dashboard;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every dashboard browser test shares: one headless Chromium per class, a fresh browser (cookies and all) per
 * test whose console must stay free of script errors and CSP violations, and the service on its embedded default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

    @LocalServerPort
    int port;

    protected Browser browser;
    /** The test's first browser and its page. */
    protected BrowserContext context;
    protected Page page;
    protected Accounts accounts;
    private Playwright playwright;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<BrowserContext> contexts = new ArrayList<>();

    /**
     * The embedded default on a data directory of its own (an H2 file), mail to the tests' GreenMail, and sign-in
     * limits out of the way of tests that sign in many times.
     */
    static void embeddedDefault(DynamicPropertyRegistry registry, String dataDirPrefix) throws IOException {
        var dataDir = Files.createTempDirectory(dataDirPrefix);
        registry.add("mailsift.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> Accounts.MAIL.getSmtp().getPort());
        registry.add("mailsift.security.rate-limits.auth-per-address.capacity", () -> "100000");
        registry.add("mailsift.security.rate-limits.sign-in-per-account.capacity", () -> "100000");
    }

    /** Each new browser's options; a class may add a locale or a time zone. */
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(1200, 800).setAcceptDownloads(true);
    }

    /** What a class sets up in each new browser before its first page opens (routes, for instance). */
    protected void prepare(BrowserContext fresh) {
    }

    @BeforeAll
    void startBrowser() {
        playwright = SystemChromium.start();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(SystemChromium.CHROMIUM).setHeadless(true));
    }

    @AfterAll
    void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void newVisitor() {
        accounts = new Accounts(base());
        consoleErrors.clear();
        contexts.clear();
        page = newBrowserPage();
        context = contexts.getFirst();
    }

    /** A browser of its own, whose console is watched like the first one's. */
    protected Page newBrowserPage() {
        BrowserContext fresh = browser.newContext(contextOptions());
        prepare(fresh);
        contexts.add(fresh);
        Page opened = fresh.newPage();
        // a CSP violation or a script error shows up here: the page must run without either (answers the page
        // expects, such as a 400 for a wrong code or a 403 it explains, are logged as failed loads: not counted)
        opened.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().startsWith("Failed to load resource")) {
                consoleErrors.add(message.text());
            }
        });
        opened.onPageError(consoleErrors::add);
        return opened;
    }

    @AfterEach
    void closeVisitor() {
        contexts.forEach(BrowserContext::close);
        assertThat(consoleErrors).as("errors in the browser console").isEmpty();
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
