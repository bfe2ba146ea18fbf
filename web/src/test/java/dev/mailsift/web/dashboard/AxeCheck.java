package dev.mailsift.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (vendored under {@code src/test/resources/axe-core}, so it works offline) run on the page as it is shown:
 * no serious or critical violation is allowed. It is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the policy stays as strict as the service sends it.
 */
final class AxeCheck {

    private static final String AXE = read();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AxeCheck() {
    }

    static void assertAccessible(Page page, String name) {
        if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
            page.evaluate(AXE);
        }
        String answer = (String) page.evaluate("""
                async () => {
                  const results = await axe.run(document, { resultTypes: ['violations'] });
                  return JSON.stringify(results.violations
                    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
                    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help,
                      nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ') + ': '
                        + (node.failureSummary || '').replace(/\\s+/g, ' ')) })));
                }""");
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(answer)) {
                found.add(violation.get("impact").asText() + " " + violation.get("id").asText() + " ("
                        + violation.get("help").asText() + ") at " + violation.get("nodes"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).as("serious or critical accessibility violations on " + name).isEmpty();
    }

    private static String read() {
        try (InputStream in = AxeCheck.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
