package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemabench.service.ServiceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code schemabench serve --cache redis} as a user starts it: a child JVM with its own embedded PostgreSQL and
 * embedded Redis, driven over real HTTP. Cached answers equal the database's, {@code /metrics} counts hits and misses,
 * and the cache follows an activation and a rollback made through the service at once.
 */
class ServeCacheIT {

    private static final String TOKEN = "serve-cache-it-token";
    private static final String PRODUCT = "SKU-0000042";
    private static final Pattern SERVING = Pattern.compile("serving design \\S+ behind a (\\S+) cache at (\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRedisCacheAnswersLikeTheDatabaseCountsHitsAndFollowsActivationAndRollback() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--design", "jsonb",
                "--port", "0", "--products", "1000", "--cache", "redis");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(ServiceConfig.ADMIN_TOKEN_ENV, TOKEN);
        Process serve = builder.start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String base = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (base == null && System.nanoTime() < deadline) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                output.add(line);
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    assertEquals("redis/versioned", serving.group(1));
                    base = serving.group(2);
                }
            }
            assertTrue(base != null, () -> "serve did not start: " + String.join("\n", output));
            Thread drain = new Thread(() -> lines.lines().forEach(output::add), "serve-output");
            drain.setDaemon(true);
            drain.start();

            String first = similar(base);
            String second = similar(base);
            assertEquals(first, second, "the cached answer is the database's");
            assertEquals("week-0001", json.readTree(second).get("batch_id").asText());
            String metrics = get(base + "/metrics").body();
            assertTrue(counter(metrics, "schemabench_cache_hits_total") >= 1, metrics);
            assertTrue(counter(metrics, "schemabench_cache_misses_total") >= 1, metrics);
            assertEquals(0, counter(metrics, "schemabench_cache_errors_total"), metrics);

            assertEquals(201, admin(base + "/v1/admin/batches?generate=true&week=2").statusCode());
            assertEquals(200, admin(base + "/v1/admin/batches/week-0002/activate").statusCode());
            JsonNode afterActivation = json.readTree(similar(base));
            assertEquals("week-0002", afterActivation.get("batch_id").asText(),
                    "the first read after the activation answers from the new batch");
            assertEquals(200, admin(base + "/v1/admin/rollback").statusCode());
            assertEquals("week-0001", json.readTree(similar(base)).get("batch_id").asText(),
                    "the first read after the rollback answers from the restored batch");
            assertEquals(first, similar(base), "the restored batch's answer is the same as before");
            assertEquals(200, get(base + "/ready").statusCode());
        } finally {
            serve.destroy();
            boolean ended = serve.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                serve.destroyForcibly();
            }
            assertTrue(ended, () -> "serve did not stop on SIGTERM: " + String.join("\n", output));
        }
    }

    @Test
    void aBadCacheKindIsAUsageErrorBeforeAnythingStarts() {
        CliRun run = CliRun.of("serve", "--design", "jsonb", "--cache", "memcached");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--cache must be caffeine, redis or off"), run.err());
        assertTrue(!run.out().contains("starting an embedded PostgreSQL"), run.out());
    }

    @Test
    void anUnreachableRedisIsAUsageErrorBeforeAnythingStarts() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("serve", "--design", "jsonb", "--cache", "redis", "--redis-url",
                "redis://127.0.0.1:1");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("127.0.0.1:1") && run.err().contains("--redis-url"), run.err());
        assertTrue(!run.out().contains("starting an embedded PostgreSQL"), run.out());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "reported within the probe's time");
    }

    private String similar(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base + "/v1/products/" + PRODUCT + "/similar?limit=5");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, () -> uri + ": " + response.statusCode() + " " + response.body());
        return response;
    }

    private static long counter(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{")).findFirst()
                .map(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim()))
                .orElseThrow(() -> new AssertionError(name + " missing from /metrics:\n" + metrics));
    }
}
