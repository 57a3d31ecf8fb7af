package dev.schemabench.measure;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.ContentResponse;

/**
 * Not a test: which HTTP client adds least to what the HTTP-overhead stage measures, run by hand (see the README,
 * "Performance"). The service over jsonb (embedded PostgreSQL, 20,000 products x 20) is read at 1,000/s by 4
 * open-model reader threads, over HTTP with each client in turn and in process as the reference; after a warm-up of
 * 30 s per reader (long enough for the JIT to settle), 6 rounds of 3 s per reader, the order reversed every other
 * round. Prints per reader the latency from the intended start to the whole body (P50, P90, P99), this JVM's CPU per
 * read (driver, client and service together) and the CPU the hypervisor stole from the machine meanwhile. Every
 * client's answer is read the same way after the latency is recorded ({@link MeasuredHttpReads#answer}: tokenized,
 * its items left as bytes, which the driver's check does not parse).
 */
public final class HttpClientsMeasurement {

    private static final int PRODUCTS = 20_000;
    private static final double RATE = 1000;
    private static final int THREADS = 4;
    private static final int LIMIT = 10;
    private static final int WARMUP_SECONDS = 30;
    private static final int ROUNDS = 6;
    private static final int READS_PER_SLICE = 3000;

    private HttpClientsMeasurement() {
    }

    /** Reads over HTTP through some client, timed like {@link MeasuredHttpReads}. */
    private abstract static class ClientReads implements MeasuredReads {
        private final Recorder recorder = new Recorder(3);
        private final String prefix;

        ClientReads(URI base) {
            this.prefix = base + "/v1/products/";
        }

        /** The status and body of a GET of {@code uri}. */
        abstract Response get(String uri) throws Exception;

        @Override
        public SimilarResult similar(String productId, int limit) {
            long start = IntendedStart.take(System.nanoTime());
            Response response;
            try {
                response = get(prefix + productId + "/similar?limit=" + limit);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            recorder.recordValue(System.nanoTime() - start);
            return MeasuredHttpReads.answer(response.status(), response.body(), productId, limit);
        }

        @Override
        public Histogram intervalHistogram(Histogram recycle) {
            return recorder.getIntervalHistogram(recycle);
        }
    }

    private record Response(int status, byte[] body) {
    }

    public static void main(String[] args) throws Exception {
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(PRODUCTS, 20, 42, 0.3));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
             StorageDesign design = LoadedDesigns.load("jsonb", postgres::server, generator, 4)) {
            design.vacuumAnalyze();
            org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
            jetty.start();
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (SimilarityService service = SimilarityService.start(design, ServiceConfig.defaults(generator.spec()));
                 OpenLoopDriver driver = new OpenLoopDriver(THREADS)) {
                URI base = service.baseUri();
                Map<String, MeasuredReads> readers = new LinkedHashMap<>();
                readers.put("in process (storage level)", new MeasuredDesign(design));
                readers.put("HttpConnection (blocking HTTP/1.1)", new MeasuredHttpReads(base));
                readers.put("JDK HttpURLConnection", new ClientReads(base) {
                    @Override
                    Response get(String uri) throws Exception {
                        HttpURLConnection connection =
                                (HttpURLConnection) URI.create(uri).toURL().openConnection(Proxy.NO_PROXY);
                        int status = connection.getResponseCode();
                        // Reading the body to its end and closing the stream hands the connection back.
                        try (InputStream in = status >= 400 ? connection.getErrorStream()
                                : connection.getInputStream()) {
                            long length = connection.getContentLengthLong();
                            return new Response(status, in == null ? new byte[0]
                                    : length < 0 ? in.readAllBytes() : in.readNBytes((int) length));
                        }
                    }
                });
                readers.put("JDK java.net.http.HttpClient", new ClientReads(base) {
                    @Override
                    Response get(String uri) throws Exception {
                        HttpResponse<byte[]> response = jdk.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        return new Response(response.statusCode(), response.body());
                    }
                });
                readers.put("Jetty HttpClient " + org.eclipse.jetty.util.Jetty.VERSION, new ClientReads(base) {
                    @Override
                    Response get(String uri) throws Exception {
                        ContentResponse response = jetty.newRequest(uri).send();
                        return new Response(response.getStatus(), response.getContent());
                    }
                });
                String[] keys = new ZipfianKeys(PRODUCTS, ZipfianKeys.DEFAULT_CONSTANT, 42).nextProductIds(100_000);
                for (MeasuredReads reads : readers.values()) {
                    driver.run(reads, keys, 0, (int) (WARMUP_SECONDS * RATE), RATE, LIMIT, null, "warm-up");
                }
                measure(driver, readers, keys);
            } finally {
                jetty.stop();
            }
            design.dropSchema();
        }
        System.exit(0);
    }

    private static void measure(OpenLoopDriver driver, Map<String, MeasuredReads> readers, String[] keys) {
        Map<String, Histogram> latency = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> stolen = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(readers.keySet());
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> order = new ArrayList<>(names);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                double cpuBefore = CpuMeter.thisProcessSeconds();
                Optional<long[]> machineBefore = CpuMeter.machineTicks();
                SliceResult slice = driver.run(readers.get(name), keys, next, READS_PER_SLICE, RATE, LIMIT, null,
                        name);
                next = (next + READS_PER_SLICE) % (keys.length - READS_PER_SLICE);
                cpu.merge(name, CpuMeter.thisProcessSeconds() - cpuBefore, Double::sum);
                Optional<long[]> machineAfter = CpuMeter.machineTicks();
                stolen.merge(name, machineBefore.isPresent() && machineAfter.isPresent()
                        ? CpuMeter.ticksToSeconds(machineAfter.get()[1] - machineBefore.get()[1]) : Double.NaN,
                        Double::sum);
                latency.computeIfAbsent(name, key -> new Histogram(3)).add(slice.histogram());
                if (slice.errors() > 0) {
                    System.out.println(name + ": " + slice.errors() + " errors, first: " + slice.firstError());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-38s %7s %8s %8s %8s %12s %9s%n", "reader", "reads", "P50 ms", "P90 ms",
                "P99 ms", "CPU us/read", "stolen s");
        for (String name : names) {
            Histogram histogram = latency.get(name);
            System.out.printf(Locale.ROOT, "%-38s %7d %8.3f %8.3f %8.3f %12.0f %9.2f%n", name,
                    histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
                    histogram.getValueAtPercentile(90) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    cpu.get(name) / histogram.getTotalCount() * 1e6, stolen.get(name));
        }
    }
}
