package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated reports in a real headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) and
 * checks what a reader would see: every chart drew data, the page logged no error, and it requested nothing but
 * its own file. Saves a full-page screenshot to {@code harness/target/report-screenshot.png}. Skipped, with the
 * reason printed, only where no Chromium binary exists.
 */
class ReportBrowserIT {

    /** Draws every chart's data figures that have a non-empty box, per chart. */
    private static final String CHARTS = "JSON.stringify(Array.from(document.querySelectorAll('svg.chart')).map(svg"
            + " => { const box = svg.getBoundingClientRect(); return {id: svg.id, width: box.width, height:"
            + " box.height, data: Array.from(svg.querySelectorAll('.data')).filter(shape => { const b ="
            + " shape.getBBox(); return b.width > 0 || b.height > 0; }).length}; }))";

    @TempDir
    Path temp;

    @Test
    void reportsRenderEveryChartWithoutErrorsOrNetwork() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            System.out.println("ReportBrowserIT skipped: no chromium binary (install Debian's chromium, or set"
                    + " CHROMIUM_BIN)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium binary (apt-get install chromium, or CHROMIUM_BIN)");

        Path results = ReportFixture.copyRun(Files.createDirectories(temp.resolve("run")));
        ReportWriter.write(results);
        Path other = ReportFixture.copyRun(Files.createDirectories(temp.resolve("other")));
        Path comparison = temp.resolve("comparison");
        ReportWriter.write(List.of(results, other), comparison);

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), temp.resolve("profile"))) {
            for (String domain : List.of("Network", "Runtime", "Log", "Page")) {
                browser.page(domain + ".enable", Map.of());
            }
            // The detector must see a load when there is one, or its silence below proves nothing.
            Path leaky = Files.writeString(temp.resolve("leaky.html"),
                    "<!DOCTYPE html><title>t</title><img src=\"http://127.0.0.1:9/pixel.png\">");
            browser.open(leaky.toUri());
            assertFalse(networkRequests(browser).isEmpty(), "the network check sees an http request");
            browser.clearEvents();

            for (Path page : List.of(comparison.resolve(HtmlRenderer.NAME), temp.resolve("run")
                    .resolve(HtmlRenderer.NAME))) {
                browser.clearEvents();
                browser.open(page.toUri());
                String html = Files.readString(page);
                JsonNode charts = browser.evaluate(CHARTS);
                List<String> expected = chartIds(html);
                assertFalse(expected.isEmpty(), page + " has charts");
                assertEquals(expected.size(), charts.size(), page + ": charts in the DOM");
                for (JsonNode chart : charts) {
                    String id = chart.path("id").asText();
                    assertTrue(chart.path("width").asDouble() > 100 && chart.path("height").asDouble() > 50,
                            page + ": chart " + id + " has a size: " + chart);
                    assertTrue(chart.path("data").asInt() > 0, page + ": chart " + id + " drew data: " + chart);
                }
                assertEquals(List.of(), errors(browser), page + ": console errors");
                assertEquals(List.of(), networkRequests(browser), page + ": requests beyond the page itself");
            }

            JsonNode metrics = browser.page("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
            JsonNode shot = browser.page("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width",
                            metrics.path("width").asDouble(), "height", metrics.path("height").asDouble(),
                            "scale", 1)));
            Path screenshot = Path.of(System.getProperty("schemabench.home", ".."), "harness", "target",
                    "report-screenshot.png").toAbsolutePath().normalize();
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, Base64.getDecoder().decode(shot.path("data").asText()));
            System.out.println("Report screenshot: " + screenshot);
            assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
        }
    }

    private static List<String> chartIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("<svg id=\"([^\"]+)\" class=\"chart\"").matcher(html);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Requests for anything but a file: URL or inline data. */
    private static List<String> networkRequests(HeadlessChromium browser) {
        List<String> urls = new ArrayList<>();
        for (JsonNode event : browser.events("Network.requestWillBeSent")) {
            String url = event.path("params").path("request").path("url").asText();
            if (!url.startsWith("file:") && !url.startsWith("data:")) {
                urls.add(url);
            }
        }
        return urls;
    }

    /** Console errors, uncaught exceptions and browser log errors (a refused load under the CSP is one). */
    private static List<String> errors(HeadlessChromium browser) {
        List<String> errors = new ArrayList<>();
        browser.events("Runtime.exceptionThrown").forEach(event -> errors.add(event.path("params").toString()));
        browser.events("Runtime.consoleAPICalled").stream()
                .filter(event -> event.path("params").path("type").asText().equals("error"))
                .forEach(event -> errors.add(event.path("params").path("args").toString()));
        browser.events("Log.entryAdded").stream()
                .filter(event -> event.path("params").path("entry").path("level").asText().equals("error"))
                .forEach(event -> errors.add(event.path("params").path("entry").path("text").asText()));
        return errors;
    }
}
