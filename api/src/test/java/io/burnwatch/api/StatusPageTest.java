package io.burnwatch.api;

import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import io.burnwatch.testkit.HeadlessChromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page in a real browser (Debian's Chromium, headless): the DOM Chromium built lists the
 * firing alerts and every SLO, and its screenshot shows them — the red page badge and spent
 * budget, the amber ticket and low budget, the green budget bars — rather than a blank page.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageTest implements TestPropertyProvider {

    private static final long AT = 1_790_000_000_000L;

    int apiPort;

    @Inject
    StatusStore store;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        return FreePorts.apiTest(ports, "status-page");
    }

    @BeforeAll
    void fill() {
        store.add(status("storefront", "probe-availability", 0.9995, 0.8, 0.2));
        store.add(status("checkout", "availability", 0.985, -0.5, 250));
        store.add(status("checkout", "latency", 0.992, 0.3, 4.2));
        store.add(alert("checkout", "availability", "page", "page-1h", "fp-page"));
        store.add(alert("checkout", "latency", "ticket", "ticket-1d", "fp-ticket"));
    }

    @Test
    void theBrowsersDomListsTheAlertsAndEverySlo() {
        String dom = HeadlessChromium.dom(page());
        assertThat(dom).contains("<title>Burnwatch — 2 alerts firing</title>")
                .contains("8 SLOs of 3 services")
                .contains("<td>checkout/availability</td><td>page-1h</td>")
                .contains("<td>checkout/latency</td><td>ticket-1d</td>")
                .contains("probe-availability").contains("fast-queries").contains("no status yet")
                .contains("99.95 %").contains("-50 %").contains("250×").contains(">spent<")
                .contains("<span class=\"badge page\">page-1h</span>")
                .contains("<a title=\"last week's SLA report\" href=\"/api/v1/reports/services/checkout\">Checkout</a>");
    }

    @Test
    void theScreenshotShowsBadgesAndBudgetBars() {
        BufferedImage shot = HeadlessChromium.screenshot(page(), 1280, 900);
        assertThat(shot.getWidth()).isEqualTo(1280);
        int red = 0;
        int amber = 0;
        int green = 0;
        int inked = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                red += near(rgb, 0xd93025) ? 1 : 0;
                amber += near(rgb, 0xe37400) || near(rgb, 0xf9ab00) ? 1 : 0;
                green += near(rgb, 0x1e8e3e) ? 1 : 0;
                inked += rgb != 0xffffff ? 1 : 0;
            }
        }
        assertThat(inked).as("pixels that are not white background").isGreaterThan(shot.getWidth() * shot.getHeight() / 50);
        assertThat(colours.size()).as("distinct colours (text, anti-aliasing, badges)").isGreaterThan(100);
        // a badge is ≈40×18 px, a budget bar up to 120×12: several of each must be painted
        assertThat(red).as("red: the page badges and the spent budget").isGreaterThan(1500);
        assertThat(amber).as("amber: the ticket badges and the low budget").isGreaterThan(800);
        assertThat(green).as("green: the ok badges and the healthy budget").isGreaterThan(1500);
    }

    private URI page() {
        return URI.create("http://127.0.0.1:" + apiPort + "/");
    }

    private static boolean near(int rgb, int colour) {
        return Math.abs(((rgb >> 16) & 0xff) - ((colour >> 16) & 0xff)) < 12 && Math.abs(((rgb >> 8) & 0xff) - ((colour >> 8) & 0xff)) < 12
                && Math.abs((rgb & 0xff) - (colour & 0xff)) < 12;
    }

    private static SloStatusRecord status(String service, String slo, double sli, double budgetRemaining, double burn) {
        List<WindowRecord> windows = List.of(300L, 3600L, 21600L).stream()
                .map(s -> new WindowRecord(s, 990, 1000, sli, burn, -1, new double[0], new long[0], Double.NaN)).toList();
        return new SloStatusRecord(service, slo, AT, "availability", "occurrences", 0.999, sli, windows.get(2), windows,
                43.2, 43.2 * (1 - budgetRemaining), budgetRemaining, budgetRemaining > 0 ? 7200 : -1, List.of(), Optional.empty(), 0);
    }

    private static AlertEvent alert(String service, String slo, String severity, String tier, String fingerprint) {
        return new AlertEvent(fingerprint + "-" + AT, AlertEvent.Status.FIRING, "SLOErrorBudgetBurn", service, slo, severity,
                tier, 3600, 300, 14.4, 250, 260, -0.5, AT, 0, AT, 1, fingerprint, Map.of(), Map.of(), List.of(), "", 0, 0);
    }
}
