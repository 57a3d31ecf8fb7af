package dev.schemabench.service.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Request counts by route and status, and server-side latency by route in HdrHistogram, rendered in the Prometheus
 * text format (version 0.0.4). Latency is measured from the moment the handler receives a request until its response
 * is written, in microseconds internally, exported in seconds. Requests refused before any route was matched (by
 * the HTTP parser: a bad request line, headers too large, an unsupported version) are counted under the route
 * {@value #ROUTE_PROTOCOL}. Also: requests shed by reason, and whether the database circuit is open.
 * {@link #record} is wait-free and thread-safe;
 * {@link #render} is thread-safe and serialized.
 */
public final class ServiceMetrics {

    /** Largest latency tracked exactly; longer ones are clamped to it. */
    private static final long MAX_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    /** The route label of responses the HTTP parser produced before any route was matched. */
    public static final String ROUTE_PROTOCOL = "protocol";

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> shed = new ConcurrentHashMap<>();
    private volatile BooleanSupplier circuitOpen = () -> false;
    private final Map<String, RouteLatency> latencies = new ConcurrentHashMap<>();

    private record RouteLatency(Recorder recorder, Histogram total) {
    }

    /**
     * Records one finished request.
     *
     * @param route        the route template, for example {@code /v1/products/{productId}/similar}
     * @param status       the HTTP status sent
     * @param elapsedNanos time spent serving it
     */
    public void record(String route, int status, long elapsedNanos) {
        requests.computeIfAbsent(route + '\u0000' + status, key -> new LongAdder()).increment();
        long micros = Math.max(1, Math.min(MAX_TRACKABLE_MICROS, TimeUnit.NANOSECONDS.toMicros(elapsedNanos)));
        latencies.computeIfAbsent(route, key -> new RouteLatency(
                new Recorder(MAX_TRACKABLE_MICROS, SIGNIFICANT_DIGITS),
                new Histogram(MAX_TRACKABLE_MICROS, SIGNIFICANT_DIGITS))).recorder().recordValue(micros);
    }

    /** Counts one request answered 503 at once to protect the service, by {@code reason} (a fixed word). */
    public void recordShed(String reason) {
        shed.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    /** Where {@link #render} reads whether the database circuit is open. */
    public void circuitOpen(BooleanSupplier open) {
        this.circuitOpen = open;
    }

    /** Every metric in the Prometheus text exposition format. */
    private volatile java.util.function.Supplier<String> extra = () -> "";

    /** Adds lines (Prometheus text format) that a served design's roles contribute, such as a cache's counters. */
    public void extra(java.util.function.Supplier<String> lines) {
        this.extra = lines;
    }

    public synchronized String render() {
        StringBuilder text = new StringBuilder(4096);
        text.append("# HELP schemabench_http_requests_total HTTP requests served, by route and status.\n");
        text.append("# TYPE schemabench_http_requests_total counter\n");
        Map<String, Long> sortedRequests = new TreeMap<>();
        requests.forEach((key, count) -> sortedRequests.put(key, count.sum()));
        sortedRequests.forEach((key, count) -> {
            int separator = key.indexOf('\u0000');
            text.append("schemabench_http_requests_total{route=\"").append(label(key.substring(0, separator)))
                    .append("\",status=\"").append(key.substring(separator + 1)).append("\"} ").append(count)
                    .append('\n');
        });
        String name = "schemabench_http_server_latency_seconds";
        text.append("# HELP ").append(name).append(" Server-side request latency by route (HdrHistogram, since start).\n");
        text.append("# TYPE ").append(name).append(" summary\n");
        StringBuilder maxima = new StringBuilder();
        for (Map.Entry<String, RouteLatency> entry : new TreeMap<>(latencies).entrySet()) {
            Histogram total = entry.getValue().total();
            total.add(entry.getValue().recorder().getIntervalHistogram());
            String route = label(entry.getKey());
            for (double quantile : QUANTILES) {
                text.append(name).append("{route=\"").append(route).append("\",quantile=\"").append(quantile)
                        .append("\"} ").append(seconds(total.getValueAtPercentile(quantile * 100))).append('\n');
            }
            text.append(name).append("_sum{route=\"").append(route).append("\"} ")
                    .append(seconds(Math.round(total.getMean() * total.getTotalCount()))).append('\n');
            text.append(name).append("_count{route=\"").append(route).append("\"} ").append(total.getTotalCount())
                    .append('\n');
            maxima.append(name).append("_max{route=\"").append(route).append("\"} ")
                    .append(seconds(total.getMaxValue())).append('\n');
        }
        text.append("# HELP ").append(name).append("_max Largest server-side request latency by route.\n");
        text.append("# TYPE ").append(name).append("_max gauge\n");
        text.append(maxima);
        text.append("# HELP schemabench_http_shed_total Requests answered 503 at once to protect the service.\n");
        text.append("# TYPE schemabench_http_shed_total counter\n");
        new TreeMap<>(shed).forEach((reason, count) -> text.append("schemabench_http_shed_total{reason=\"")
                .append(label(reason)).append("\"} ").append(count.sum()).append('\n'));
        text.append("# HELP schemabench_database_circuit_open 1 while the database is known unreachable.\n");
        text.append("# TYPE schemabench_database_circuit_open gauge\n");
        text.append("schemabench_database_circuit_open ").append(circuitOpen.getAsBoolean() ? 1 : 0).append('\n');
        return text.append(extra.get()).toString();
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.6f", micros / 1e6);
    }

    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
