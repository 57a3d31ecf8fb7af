package dev.schemabench.measure;

import com.sun.management.ThreadMXBean;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Not a test: where the HTTP level's tail comes from, run by hand (see the README, "Performance"). The service over
 * jsonb (embedded PostgreSQL, 20,000 products x 20) is read at a fixed rate by 4 open-model reader threads, in
 * process and over HTTP ({@link MeasuredHttpReads}) in alternating rounds after a warm-up of 20 s each and a
 * {@link HeapSettle}, as the suite does. Per round it
 * prints the latency percentiles, the bytes this JVM allocated per read ({@code ThreadMXBean}), the garbage
 * collections and their time, this JVM's CPU per read, and the CPU per thread group ({@code /proc/self/task}).
 * Arguments: rate per second (1000), seconds per round (10), rounds per level (3). JVM options (a collector, a young
 * generation size) go on the {@code java} command line.
 */
public final class HttpLevelMeasurement {

    private static final int PRODUCTS = 20_000;
    private static final int THREADS = 4;
    private static final int LIMIT = 10;
    private static final int WARMUP_SECONDS = 20;

    private HttpLevelMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(PRODUCTS, 20, 42, 0.3));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
             StorageDesign design = LoadedDesigns.load("jsonb", postgres::server, generator, THREADS)) {
            design.vacuumAnalyze();
            try (SimilarityService service = SimilarityService.start(design, ServiceConfig.defaults(generator.spec()));
                 OpenLoopDriver driver = new OpenLoopDriver(THREADS)) {
                MeasuredReads[] levels = {new MeasuredDesign(design), new MeasuredHttpReads(service.baseUri())};
                String[] names = {"storage", "http"};
                String[] keys = new ZipfianKeys(PRODUCTS, ZipfianKeys.DEFAULT_CONSTANT, 42).nextProductIds(100_000);
                for (MeasuredReads level : levels) {
                    driver.run(level, keys, 0, (int) (WARMUP_SECONDS * rate), rate, LIMIT, null, "warm-up");
                }
                HeapSettle.settle();
                int reads = (int) (seconds * rate);
                for (int round = 0; round < rounds; round++) {
                    for (int level = 0; level < levels.length; level++) {
                        round(driver, levels[level], names[level], keys, reads, rate);
                    }
                }
            }
            design.dropSchema();
        }
        System.exit(0);
    }

    private static void round(OpenLoopDriver driver, MeasuredReads level, String name, String[] keys, int reads,
                              double rate) {
        Map<String, Long> threadsBefore = threadTicks();
        long collectionsBefore = collections();
        long collectionMillisBefore = collectionMillis();
        long allocatedBefore = allocatedBytes();
        double cpuBefore = CpuMeter.thisProcessSeconds();
        SliceResult slice = driver.run(level, keys, 0, reads, rate, LIMIT, null, name);
        double cpu = CpuMeter.thisProcessSeconds() - cpuBefore;
        long allocated = allocatedBytes() - allocatedBefore;
        Histogram latency = slice.histogram();
        System.out.printf(Locale.ROOT, "%-8s P50 %.2f P90 %.2f P99 %.2f P99.9 %.2f ms; %d B and %.0f us CPU per read;"
                        + " %d collections, %d ms%n", name, percentile(latency, 50), percentile(latency, 90),
                percentile(latency, 99), percentile(latency, 99.9), allocated / reads, cpu / reads * 1e6,
                collections() - collectionsBefore, collectionMillis() - collectionMillisBefore);
        StringBuilder perThread = new StringBuilder("         CPU ms by thread:");
        threadTicks().forEach((thread, ticks) -> {
            long used = ticks - threadsBefore.getOrDefault(thread, 0L);
            if (used > 0) {
                perThread.append(' ').append(thread).append('=').append(used * 10);
            }
        });
        System.out.println(perThread);
        if (slice.errors() > 0) {
            System.out.println("         " + slice.errors() + " errors, first: " + slice.firstError());
        }
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** User + system clock ticks per thread name (digits folded, so pools add up), from /proc/self/task. */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            });
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static long allocatedBytes() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
