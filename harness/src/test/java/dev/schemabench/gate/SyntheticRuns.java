package dev.schemabench.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.results.ResultsFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes synthetic results files with interval logs, deterministically, for gate tests: latencies are log-normal
 * around a median, one histogram of {@code readsPerInterval} reads per second, and every figure is derived from the
 * same histograms, as the suite would.
 */
public final class SyntheticRuns {

    private static final long BASE_MILLIS = 1_700_000_000_000L;

    /** One design of a synthetic run. Mutable builder fields, set before {@link #write}. */
    public static final class Design {
        public final String name;
        public double medianMs = 1.0;
        public double spread = 0.3;
        public long noiseSeed = 1;
        public int intervals = 20;
        public int readsPerInterval = 500;
        /** Every latency of the design multiplied by this: a machine slower during the whole run, or a slower design. */
        public double factor = 1.0;
        /** Spread of a per-second log-normal factor on latency (busy neighbours, checkpoints); 0 for none. */
        public double secondSpread = 0;
        /** Seconds hit by a burst of load elsewhere on the machine: in each, {@link #burstShare} of reads wait more. */
        public java.util.Set<Integer> burstSeconds = java.util.Set.of();
        public double burstShare = 0.05;
        public double burstFactor = 5;
        public boolean writeLog = true;
        public List<String> planShape = List.of("Index Scan (product_similarities_active_idx)");
        public long totalBytes = 12_828_672L;
        public String status = "measured";
        public String reason;
        public Consumer<ObjectNode> extra = node -> { };

        public Design(String name) {
            this.name = name;
        }
    }

    /** A synthetic run. */
    public static final class Run {
        public String id = "run";
        public String profile = "quick";
        public long seed = 42;
        public int products = 3000;
        public final List<Design> designs = new ArrayList<>();

        public Run(String id) {
            this.id = id;
        }

        public Design design(String name) {
            Design design = new Design(name);
            if (name.equals("normalized")) {
                design.planShape = List.of("Limit", "Nested Loop", "Index Scan (similarities_pkey)",
                        "Index Scan (products_pkey)");
                design.totalBytes = 8_151_040L;
                design.medianMs = 1.5;
            }
            designs.add(design);
            return design;
        }
    }

    private SyntheticRuns() {
    }

    /** Writes {@code folder/results.json} and {@code folder/histograms/storage-<design>.hlog}; returns the file. */
    public static Path write(Path folder, Run run) throws IOException {
        Files.createDirectories(folder.resolve("histograms"));
        ObjectNode root = ResultsFile.mapper().createObjectNode();
        root.put("schema_version", 1);
        ObjectNode runNode = root.putObject("run");
        runNode.put("id", run.id);
        runNode.put("profile", run.profile);
        runNode.put("seed", run.seed);
        runNode.put("products", run.products);
        runNode.put("recs_per_product", 20);
        ObjectNode data = runNode.putObject("environment").putObject("data");
        data.put("seed", run.seed);
        data.put("products", run.products);
        data.put("recs_per_product", 20);
        data.put("batch_sha256", "sha-" + run.seed + "-" + run.products);
        ObjectNode config = runNode.putObject("config");
        config.put("profile", run.profile);
        config.put("rate", 500.0);
        config.put("limit", 10);
        config.put("threads", 4);
        ArrayNode designs = root.putArray("designs");
        for (Design design : run.designs) {
            ObjectNode node = designs.addObject();
            node.put("name", design.name);
            node.put("status", design.status);
            node.put("reason", design.reason);
            if (!design.status.equals("measured")) {
                continue;
            }
            Histogram total = new Histogram(3);
            List<Histogram> intervals = intervals(design);
            intervals.forEach(total::add);
            ObjectNode latency = node.putObject("storage_level");
            latency.put("p50_ms", total.getValueAtPercentile(50) / 1e6);
            latency.put("p95_ms", total.getValueAtPercentile(95) / 1e6);
            latency.put("p99_ms", total.getValueAtPercentile(99) / 1e6);
            latency.put("p999_ms", total.getValueAtPercentile(99.9) / 1e6);
            latency.put("max_ms", total.getMaxValue() / 1e6);
            latency.put("mean_ms", Math.round(total.getMean() / 1e3) / 1e3);
            latency.put("ops", total.getTotalCount());
            latency.put("errors", 0);
            latency.put("throughput_ops_s", (double) design.readsPerInterval);
            latency.put("target_rate_ops_s", 500.0);
            ObjectNode footprint = node.putObject("footprint");
            footprint.put("total_bytes", design.totalBytes);
            footprint.put("index_bytes", design.totalBytes / 4);
            node.putNull("service_level");
            node.putNull("jmh");
            ObjectNode load = node.putObject("load");
            load.put("products", run.products);
            load.put("stage_ms", 1234.5);
            load.put("activate_ms", 12.5);
            ArrayNode shape = node.putObject("plan_summary").putArray("shape");
            design.planShape.forEach(shape::add);
            ObjectNode artifacts = node.putObject("artifacts");
            String relative = "histograms/storage-" + design.name + ".hlog";
            artifacts.put("storage_histogram_log", relative);
            if (design.writeLog) {
                writeLog(folder.resolve(relative), design.name, intervals);
            }
            design.extra.accept(node);
        }
        Path file = folder.resolve(ResultsFile.NAME);
        Files.writeString(file, ResultsFile.mapper().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Interval histograms of log-normal latencies (nanoseconds), one per second from a fixed start. */
    public static List<Histogram> intervals(Design design) {
        Random random = new Random(design.noiseSeed);
        List<Histogram> intervals = new ArrayList<>();
        for (int i = 0; i < design.intervals; i++) {
            Histogram interval = new Histogram(3);
            double second = design.secondSpread == 0 ? 1 : Math.exp(design.secondSpread * random.nextGaussian());
            for (int r = 0; r < design.readsPerInterval; r++) {
                double ms = design.factor * second * design.medianMs * Math.exp(design.spread * random.nextGaussian());
                if (design.burstSeconds.contains(i) && random.nextDouble() < design.burstShare) {
                    ms *= design.burstFactor;
                }
                interval.recordValue(Math.max(1, Math.round(ms * 1e6)));
            }
            interval.setStartTimeStamp(BASE_MILLIS + i * 1000L);
            interval.setEndTimeStamp(BASE_MILLIS + (i + 1) * 1000L);
            interval.setTag(design.name);
            intervals.add(interval);
        }
        return intervals;
    }

    static void writeLog(Path file, String tag, List<Histogram> intervals) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("synthetic " + tag);
            writer.outputLogFormatVersion();
            writer.outputStartTime(BASE_MILLIS);
            writer.setBaseTime(BASE_MILLIS);
            writer.outputLegend();
            intervals.forEach(writer::outputIntervalHistogram);
        }
    }
}
