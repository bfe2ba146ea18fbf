package dev.mailsift.web.dashboard;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.options.ScreenshotType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system's Chromium driven by Playwright, never a downloaded browser. Without {@value #CHROMIUM} the browser
 * tests are skipped, so the suite still runs on a machine with only a JDK ({@code .ci/run} installs it).
 */
final class SystemChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("mailsift.chromium", "/usr/bin/chromium"));

    private SystemChromium() {
    }

    /** Whether the browser tests can run here (else they are skipped, before their application starts). */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM);
    }

    static Playwright start() {
        assumeTrue(installed(), "no Chromium at " + CHROMIUM + ": browser tests skipped");
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /**
     * A full-page PNG of what the person sees. Into {@code target/screenshots}, or where {@code mailsift.screenshots}
     * says (the committed ones: {@code -Dmailsift.screenshots=../docs/screenshots}). Every page photographed is
     * first checked for accessibility ({@link AxeCheck}).
     */
    static void screenshot(Page page, String name) {
        page.locator("main h1").waitFor(); // the route has rendered, not the shell's "Loading…"
        AxeCheck.assertAccessible(page, name);
        photograph(page, name);
        // and in the dark colours a system set to dark asks for; then light again for the rest of the test
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        try {
            AxeCheck.assertAccessible(page, name + " (dark)");
            photograph(page, name + "-dark");
        } finally {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        }
    }

    private static void photograph(Page page, String name) {
        Path directory = Path.of(System.getProperty("mailsift.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(name + ".png"))
                                                    .setType(ScreenshotType.PNG).setFullPage(true)
                                                    .setAnimations(ScreenshotAnimations.DISABLED));
    }
}
