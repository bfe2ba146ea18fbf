package dev.mailsift.web.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The browser dashboard's page. Its routes are drawn in the browser by ES modules under {@code /dashboard/}
 * (static files) from the JSON API, so every route here answers the same shell; a reload or a bookmark of any of
 * them lands in the right place. See docs/decisions/0031-dashboard-as-static-modules.md.
 */
@Controller
@Hidden // pages, not part of the API's description
class DashboardController {

    private static final Resource SHELL = new ClassPathResource("dashboard/index.html");

    @GetMapping({"/", "/sign-in", "/sign-up", "/reset-password", "/confirm-email", "/upload", "/jobs", "/jobs/{jobId}",
            "/billing", "/settings"})
    ResponseEntity<Resource> shell() {
        // revalidated every time, so a new release's shell (and the modules it names) is picked up at once
        return ResponseEntity.ok()
                             .contentType(MediaType.TEXT_HTML)
                             .cacheControl(CacheControl.noCache())
                             .body(SHELL);
    }
}
