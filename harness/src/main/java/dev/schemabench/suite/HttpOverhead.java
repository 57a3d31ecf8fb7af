package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.measure.HeapSettle;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.MeasuredHttpReads;
import dev.schemabench.measure.MeasuredReads;
import dev.schemabench.measure.MemoizedCheck;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import dev.schemabench.shared.AnswerVerdict;
import dev.schemabench.shared.DurationText;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What the HTTP layer adds to a read, measured so that only the HTTP layer differs. The similarity service runs in
 * this JVM over an already loaded design, and one open-model driver reads at one arrival rate, with the storage-level
 * measurement's Zipfian key sequence, in turn in process through {@link MeasuredDesign} (the storage level) and over
 * HTTP through {@link MeasuredHttpReads} (real GETs of the service's similar-products route over keep-alive
 * connections, one per reader thread), in ABBA blocks of slices (storage, HTTP, HTTP, storage; one block per about
 * {@link #BLOCK} of measured time) so that drift and bursts of a shared machine hit both levels alike. Both levels
 * read the same keys: in each block the first storage slice and the first HTTP slice read one part of the sequence,
 * the other two the next part. A warm-up with the storage-level warm-up's keys comes first and is not counted: a
 * second in process, then HTTP until the JIT has settled (the HTTP path may not have been compiled yet in this JVM),
 * within a cap. Every answer of either level is checked against the generated truth of the active batch: a wrong,
 * empty or short answer counts as an error, never as a fast read. An answer still held as bytes (over HTTP, and
 * jsonb's in process) is parsed and compared once per product and level, and later answers with the same bytes are
 * judged by their hash ({@link MemoizedCheck}), so the harness's own parsing competes less with the reads timed.
 *
 * <p>The difference of the two levels' percentiles is what a caller pays for going through the service: the HTTP
 * client, the loopback connection, Jetty, the service's routing and the JSON it writes. The client's own work is
 * included, so it is an upper bound of what the server alone adds. The storage-level read is the one the storage
 * level measures ({@code similar}, which parses the stored list); the service reads the stored JSON and passes it
 * through, so for a design with pass-through the service does a little less storage work than the storage level.
 * Not thread-safe; one design at a time.
 */
final class HttpOverhead {

    /** Measured time of one ABBA block (storage, HTTP, HTTP, storage) that the duration is split into, about. */
    static final Duration BLOCK = Duration.ofSeconds(6);
    static final String STORAGE = "storage";
    static final String HTTP = "http";
    /** JIT compilation under this share of a warm-up second counts as a quiet second. */
    static final double JIT_QUIET_SHARE = 0.05;
    /** Quiet warm-up seconds in a row after which the JIT counts as settled. */
    static final int QUIET_SECONDS = 2;
    /** The warm-up's cap is never below this many seconds. */
    static final int MIN_MAX_WARMUP_SECONDS = 10;
    /** Seconds of distinct warm-up keys, cycled. */
    private static final int WARMUP_KEY_SECONDS = 5;
    /** Stop a slice when more than this share of its reads failed (and at least 3 did). */
    private static final double ABORT_RATIO = 0.01;

    /**
     * The stage's parameters.
     *
     * @param rate      arrival rate of both levels, reads per second
     * @param duration  measured time per design, both levels together (each level gets half)
     * @param threads   reader threads (each reads over HTTP on a keep-alive connection of its own)
     * @param limit     items per read
     * @param maxWarmup the longest warm-up, however busy the JIT still is
     */
    record Settings(double rate, Duration duration, int threads, int limit, Duration maxWarmup) {
        Settings {
            if (rate <= 0 || duration.isZero() || duration.isNegative() || threads < 1 || limit < 1
                    || maxWarmup.isNegative()) {
                throw new IllegalArgumentException("rate, duration, threads and limit must be above 0");
            }
        }

        /** The suite's settings: the warm-up may take 2.5 times the measured duration, at least 10 s. */
        static Settings of(double rate, Duration duration, int threads, int limit) {
            return new Settings(rate, duration, threads, limit, Duration.ofMillis(Math.max(
                    MIN_MAX_WARMUP_SECONDS * 1000L, Math.round(duration.toMillis() * 2.5))));
        }
    }

    /**
     * What the stage measured for one design: the figures, or why there are none.
     *
     * @param figures          the figures, or null
     * @param note             why there are no figures, or null
     * @param storageKeys      the keys the storage level read, as an order-independent digest
     * @param httpKeys         the keys the HTTP level read, likewise
     */
    record Outcome(RunResults.HttpOverhead figures, String note, KeyDigest storageKeys, KeyDigest httpKeys) {

        static Outcome note(String why) {
            return new Outcome(null, why, null, null);
        }
    }

    /**
     * The multiset of product ids a level asked for, as a count and an order-independent sum of 64-bit hashes.
     *
     * @param reads reads issued
     * @param sum   the sum of the ids' hashes
     */
    record KeyDigest(long reads, long sum) {
    }

    private final CatalogGenerator generator;
    private final int batchNumber;
    private final Settings settings;
    private final Supplier<OptionalLong> databaseTicks;

    /**
     * @param generator     the catalog the design was loaded with
     * @param batchNumber   the batch active in the design; answers are checked against its generated lists
     * @param databaseTicks CPU ticks of the database server and its backends, or empty when not observable
     */
    HttpOverhead(CatalogGenerator generator, int batchNumber, Settings settings,
                 Supplier<OptionalLong> databaseTicks) {
        this.generator = generator;
        this.batchNumber = batchNumber;
        this.settings = settings;
        this.databaseTicks = databaseTicks;
    }

    /** Why the stage does not run under {@code config} (as the note results carry), or empty when it runs. */
    static Optional<String> skipReason(CompareConfig config) {
        if (!config.serviceLevel()) {
            return Optional.of("HTTP overhead not measured: " + CompareConfig.SERVICE_LEVEL + " = off");
        }
        if (config.httpOverheadDuration().isZero()) {
            return Optional.of("HTTP overhead not measured: " + CompareConfig.HTTP_OVERHEAD_DURATION + " = 0");
        }
        return Optional.empty();
    }

    /**
     * Measured slices per level: the duration is split into ABBA blocks (storage, HTTP, HTTP, storage) of about
     * {@link #BLOCK} each, at least one, so that bursts of a shared machine fall on both levels alike.
     */
    int slicesPerLevel() {
        return 2 * (int) Math.max(1, Math.round((double) settings.duration().toMillis() / BLOCK.toMillis()));
    }

    /** Reads per measured slice. */
    int perSlice() {
        double seconds = settings.duration().toMillis() / 1000.0 / (2 * slicesPerLevel());
        return (int) Math.max(1, Math.round(settings.rate() * seconds));
    }

    /**
     * Serves {@code design} on a free loopback port and measures both levels.
     *
     * @param design the loaded design itself (not a measuring wrapper, whose histograms must not see these reads)
     * @param log    where to append one-second interval histograms, tagged {@code storage} and {@code http}, or null
     */
    Outcome run(String name, StorageDesign design, HistogramLogWriter log) {
        int perSlice = perSlice();
        int slicesPerLevel = slicesPerLevel();
        String[] keys = keys(slicesPerLevel * perSlice, 0);
        int second = (int) Math.max(1, Math.round(settings.rate()));
        String[] warmupKeys = keys(WARMUP_KEY_SECONDS * second, 1);
        Map<String, List<SimilarItem>> truth = truth(keys, warmupKeys);
        String batchId = CatalogGenerator.defaultBatchId(batchNumber);
        OpenLoopDriver.ReadCheck check = (productId, result) -> verdict(productId, result, batchId, truth);
        MemoizedCheck storageCheck = new MemoizedCheck(check);
        MemoizedCheck httpCheck = new MemoizedCheck(check);
        MeasuredDesign storage = new MeasuredDesign(design);
        Progress.say(String.format(Locale.ROOT, "%s: HTTP overhead: in process and over HTTP at %.0f reads/s, %s in"
                + " %d slices (storage, HTTP, HTTP, storage, ...) after a warm-up until the JIT settles ...", name,
                settings.rate(), DurationText.format(settings.duration()), 2 * slicesPerLevel));
        try (SimilarityService service = SimilarityService.start(design, ServiceConfig.defaults(generator.spec()));
             OpenLoopDriver driver = new OpenLoopDriver(settings.threads());
             MeasuredHttpReads http = new MeasuredHttpReads(service.baseUri())) {
            Warmup warmup = warmUp(driver, storage, http, warmupKeys, second, storageCheck, httpCheck);
            if (warmup.failure() != null) {
                return Outcome.note("HTTP overhead not measured: reads kept failing during the warm-up: "
                        + warmup.failure());
            }
            HeapSettle.settle();
            long jitBefore = jitMillis();
            Level storageLevel = new Level(STORAGE, storage, storageCheck);
            Level httpLevel = new Level(HTTP, http, httpCheck);
            // Block b: storage and HTTP read part 2b, then HTTP and storage read part 2b + 1.
            int slices = 2 * slicesPerLevel;
            for (int slice = 0; slice < slices; slice++) {
                int inBlock = slice % 4;
                Level level = inBlock == 0 || inBlock == 3 ? storageLevel : httpLevel;
                int from = (2 * (slice / 4) + (inBlock < 2 ? 0 : 1)) * perSlice;
                double harnessBefore = CpuMeter.thisProcessSeconds();
                OptionalLong databaseBefore = databaseTicks.get();
                Optional<long[]> machineBefore = CpuMeter.machineTicks();
                SliceResult result = slice(driver, level.reads, i -> level.issue(keys[from + i]), perSlice,
                        level.check, log, level.tag);
                level.add(result, CpuMeter.thisProcessSeconds() - harnessBefore, databaseBefore,
                        databaseTicks.get(), machineBefore, CpuMeter.machineTicks());
                if (result.aborted()) {
                    return new Outcome(null, String.format(Locale.ROOT, "HTTP overhead not measured: reads kept"
                            + " failing %s in slice %d of %d: %s", level.tag.equals(HTTP) ? "over HTTP" : "in process",
                            slice + 1, slices, result.firstError()),
                            storageLevel.digest(), httpLevel.digest());
                }
            }
            long jitAfter = jitMillis();
            RunResults.HttpOverhead figures = figures(storageLevel, httpLevel, service.connectionsAccepted(), warmup,
                    jitBefore < 0 || jitAfter < 0 ? null : jitAfter - jitBefore);
            Progress.say(String.format(Locale.ROOT, "%s: over HTTP at %.0f reads/s the service added %.3f ms to P50"
                    + " and %.3f ms to P99 (storage %.3f / %.3f ms, HTTP %.3f / %.3f ms; %s, %d keep-alive connections;"
                    + " %d errors; warm-up %.0f s, JIT %s; CPU stolen by the hypervisor %s)", name,
                    figures.rateOpsS(), figures.addedP50Ms(), figures.addedP99Ms(), figures.storageP50Ms(),
                    figures.storageP99Ms(), figures.httpP50Ms(), figures.httpP99Ms(), figures.client(),
                    figures.connections(), figures.errors(), figures.warmupS(), figures.jitSettled() == null
                            ? "not observable" : figures.jitSettled() ? "settled"
                            : "still compiling when the warm-up ran out", stolen(figures)));
            return new Outcome(figures, null, storageLevel.digest(), httpLevel.digest());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.note("HTTP overhead not measured: " + message);
        }
    }

    private static String stolen(RunResults.HttpOverhead figures) {
        if (figures.storageMachine() == null || figures.httpMachine() == null) {
            return "not observable";
        }
        return String.format(Locale.ROOT, "%.1f s in process, %.1f s over HTTP", figures.storageMachine().stolenS(),
                figures.httpMachine().stolenS());
    }

    private SliceResult slice(OpenLoopDriver driver, MeasuredReads reads, IntFunction<String> key, int count,
                              OpenLoopDriver.ReadCheck check, HistogramLogWriter log, String tag) {
        return driver.start(reads, key, count, settings.rate(), settings.limit(), check, ABORT_RATIO, log, tag)
                .await().total();
    }

    /**
     * Warms both levels with the warm-up keys: one second in process, then HTTP a second at a time until the JIT has
     * settled (compilation under {@value #JIT_QUIET_SHARE} of the second, {@value #QUIET_SECONDS} seconds in a row)
     * or the warm-up has taken {@link Settings#maxWarmup()}. The HTTP path (client, Jetty, handler, JSON) may be cold
     * in this JVM; measuring it while it is compiled would charge the JIT to the first design measured.
     */
    private Warmup warmUp(OpenLoopDriver driver, MeasuredDesign storage, MeasuredHttpReads http,
                          String[] warmupKeys, int second, OpenLoopDriver.ReadCheck storageCheck,
                          OpenLoopDriver.ReadCheck httpCheck) {
        long start = System.nanoTime();
        int[] next = {0};
        IntFunction<String> key = i -> warmupKeys[(next[0] + i) % warmupKeys.length];
        SliceResult storageWarmup = slice(driver, storage, key, second, storageCheck, null, STORAGE);
        next[0] += second;
        if (storageWarmup.aborted()) {
            return new Warmup(seconds(start), null, storageWarmup.firstError());
        }
        long deadline = start + settings.maxWarmup().toNanos();
        int quiet = 0;
        boolean observable = jitMillis() >= 0;
        for (int chunk = 0; ; chunk++) {
            long jitBefore = jitMillis();
            long chunkStart = System.nanoTime();
            SliceResult result = slice(driver, http, key, second, httpCheck, null, HTTP);
            next[0] += second;
            if (result.aborted()) {
                return new Warmup(seconds(start), null, result.firstError());
            }
            long compiledMs = jitMillis() - jitBefore;
            quiet = compiledMs < JIT_QUIET_SHARE * (System.nanoTime() - chunkStart) / 1e6 ? quiet + 1 : 0;
            if (observable && quiet >= QUIET_SECONDS) {
                return new Warmup(seconds(start), true, null);
            }
            if (System.nanoTime() >= deadline || (!observable && chunk + 1 >= QUIET_SECONDS)) {
                return new Warmup(seconds(start), observable ? false : null, null);
            }
        }
    }

    /** Milliseconds this JVM's JIT compilers have spent so far, or -1 when the JVM does not say. */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static double seconds(long startNanos) {
        return round((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * How the warm-up went.
     *
     * @param seconds    its wall time, both levels
     * @param jitSettled whether the JIT had settled; null when the JVM does not report compilation time
     * @param failure    why reads kept failing, or null
     */
    private record Warmup(double seconds, Boolean jitSettled, String failure) {
    }

    private RunResults.HttpOverhead figures(Level storage, Level http, long connections, Warmup warmup,
                                            Long jitCompileMs) {
        double storageP50 = ms(storage.histogram.getValueAtPercentile(50));
        double storageP99 = ms(storage.histogram.getValueAtPercentile(99));
        double httpP50 = ms(http.histogram.getValueAtPercentile(50));
        double httpP99 = ms(http.histogram.getValueAtPercentile(99));
        int cpus = Runtime.getRuntime().availableProcessors();
        return new RunResults.HttpOverhead(settings.rate(),
                round(settings.duration().toMillis() / 1000.0 / 2), slicesPerLevel(), storageP50, storageP99,
                httpP50, httpP99, round(httpP50 - storageP50), round(httpP99 - storageP99),
                MeasuredHttpReads.clientName(), connections, storage.ops, http.ops,
                storage.errors + http.errors, storage.cpu(cpus), http.cpu(cpus), warmup.seconds(),
                warmup.jitSettled(), jitCompileMs, storage.machine(cpus), http.machine(cpus));
    }

    /** One level's accumulated slices. */
    private static final class Level {
        final String tag;
        final MeasuredReads reads;
        final OpenLoopDriver.ReadCheck check;
        final Histogram histogram = new Histogram(3);
        final LongAdder issued = new LongAdder();
        final LongAdder hashSum = new LongAdder();
        long ops;
        long errors;
        double wallS;
        double harnessS;
        Double databaseS = 0.0;
        long[] machineTicks = {0, 0};
        boolean machineObservable = true;

        Level(String tag, MeasuredReads reads, OpenLoopDriver.ReadCheck check) {
            this.tag = tag;
            this.reads = reads;
            this.check = check;
        }

        /** Counts the key into this level's digest (called once per read issued, on reader threads). */
        String issue(String productId) {
            issued.increment();
            hashSum.add(hash(productId));
            return productId;
        }

        void add(SliceResult result, double harnessSeconds, OptionalLong databaseBefore, OptionalLong databaseAfter,
                 Optional<long[]> machineBefore, Optional<long[]> machineAfter) {
            if (machineBefore.isPresent() && machineAfter.isPresent()) {
                machineTicks[0] += machineAfter.get()[0] - machineBefore.get()[0];
                machineTicks[1] += machineAfter.get()[1] - machineBefore.get()[1];
            } else {
                machineObservable = false;
            }
            histogram.add(result.histogram());
            ops += result.ops();
            errors += result.errors();
            wallS += result.wallNanos() / 1e9;
            harnessS += harnessSeconds;
            if (databaseS != null && databaseBefore.isPresent() && databaseAfter.isPresent()) {
                databaseS += CpuMeter.ticksToSeconds(databaseAfter.getAsLong() - databaseBefore.getAsLong());
            } else {
                databaseS = null;
            }
        }

        KeyDigest digest() {
            return new KeyDigest(issued.sum(), hashSum.sum());
        }

        RunResults.MachineCpu machine(int cpus) {
            return machineObservable ? new RunResults.MachineCpu(round(wallS),
                    round(CpuMeter.ticksToSeconds(machineTicks[0])), round(CpuMeter.ticksToSeconds(machineTicks[1])),
                    cpus) : null;
        }

        RunResults.Cpu cpu(int cpus) {
            return new RunResults.Cpu(round(wallS), round(harnessS), databaseS == null ? null : round(databaseS),
                    cpus, null);
        }
    }

    /** The first {@code count} keys of the storage-level sequence ({@code seedOffset} 0) or the warm-up's (1). */
    private String[] keys(int count, int seedOffset) {
        return new ZipfianKeys(generator.spec().products(), ZipfianKeys.DEFAULT_CONSTANT,
                generator.spec().seed() + seedOffset).nextProductIds(count);
    }

    /** The expected answer of every key, computed before anything is timed. */
    private Map<String, List<SimilarItem>> truth(String[]... keySets) {
        Map<String, List<SimilarItem>> truth = new HashMap<>();
        for (String[] keys : keySets) {
            for (String key : keys) {
                truth.computeIfAbsent(key, productId -> {
                    List<SimilarItem> items = generator.list(CatalogGenerator.indexOf(productId), batchNumber)
                            .items();
                    return List.copyOf(items.subList(0, Math.min(settings.limit(), items.size())));
                });
            }
        }
        return Map.copyOf(truth);
    }

    private static AnswerVerdict verdict(String productId, SimilarResult result, String batchId,
                                   Map<String, List<SimilarItem>> truth) {
        if (!(result instanceof SimilarResult.Found found) || found.items().isEmpty()) {
            return AnswerVerdict.EMPTY;
        }
        List<SimilarItem> expected = truth.get(productId);
        if (found.items().size() < expected.size()) {
            return AnswerVerdict.EMPTY;
        }
        return found.productId().equals(productId) && found.batchId().equals(batchId)
                && found.items().equals(expected) ? AnswerVerdict.OK : AnswerVerdict.MIXED;
    }

    private static long hash(String productId) {
        long h = productId.hashCode() * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
