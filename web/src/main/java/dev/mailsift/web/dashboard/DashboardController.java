package dev.mailsift.web.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The browser dashboard's page. Its routes are drawn in the browser by ES modules under {@code /dashboard/}
 * (static files) from the JSON API, so every route here answers the same shell; a reload or a bookmark of any of
 * them lands in the right place. See docs/decisions/0031-dashboard-as-static-modules.md.
 */
@Controller
@Hidden // pages, not part of the API's description
class DashboardController {

    private final String shell;

    /** @param lowCreditThreshold below it the home page warns, as the low-credit mail does */
    DashboardController(@Value("${mailsift.billing.low-credit-threshold}") long lowCreditThreshold) {
        try {
            this.shell = new ClassPathResource("dashboard/index.html").getContentAsString(StandardCharsets.UTF_8)
                    .replace("{{low-credit-threshold}}", Long.toString(lowCreditThreshold));
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard's page is missing from the build", e);
        }
    }

    @GetMapping({"/", "/sign-in", "/sign-up", "/reset-password", "/confirm-email", "/upload", "/jobs", "/jobs/{jobId}",
            "/verify", "/billing", "/settings", "/admin", "/webhooks",
            "/webhooks/{endpointId}", "/audit", "/audit/aggregate", "/audit/state", "/audit/integrity",
            "/audit/processors"})
    ResponseEntity<String> shell() {
        // revalidated every time, so a new release's shell (and the modules it names) is picked up at once
        return ResponseEntity.ok()
                             .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                             .cacheControl(CacheControl.noCache())
                             .body(shell);
    }
}
