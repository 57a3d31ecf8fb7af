package dev.schemabench.suite;

import dev.schemabench.catalog.KeyDistribution;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.internal.Progress;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.measure.HeapSettle;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.DurationText;
import dev.schemabench.stats.ScheduleLag;
import dev.schemabench.stats.Stationarity;
import dev.schemabench.stats.SteadyState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Storage-level reads under the open model: every design at the same arrival rate over the same Zipfian key
 * sequence, in alternating slices (A B, B A, ...) so machine drift falls on all alike; a warm-up first, excluded.
 * Latency from each read's intended start, kept as one-second interval histograms.
 */
final class StorageLevelStage implements Stage<StorageLevelStage.Figures> {

    /**
     * @param latency the measured slices' latency
     * @param cpu     CPU seconds per process during them
     */
    record Figures(RunResults.Latency latency, RunResults.Cpu cpu) {
    }

    /** Seconds of per-second medians that must agree before a warm-up counts as settled. */
    static final int SETTLE_WINDOW_S = Stationarity.MIN_SLICES;
    /** How far each of those medians may lie from theirs. */
    static final double SETTLE_TOLERANCE = 0.10;
    /** The most of the window the JIT may spend compiling for the warm-up to count as settled. */
    static final double JIT_SETTLED_SHARE = 0.05;
    /** Significance of the trend test across slices. */
    static final double TREND_ALPHA = 0.05;
    /** The largest drift of the per-slice median across the measurement still taken as stationary. */
    static final double MAX_DRIFT = 0.10;

    /** One design's running totals while the slices alternate. */
    private static final class Tally {
        final DesignUnderTest design;
        final Histogram histogram = new Histogram(3);
        final HistogramLogWriter log;
        final PrintStream logStream;
        final String logFile;
        long ops;
        long errors;
        long wallNanos;
        long warmupOps;
        double warmupS;
        String warmup = "not_checked";
        String warmupWhy;
        final Histogram sendLag = new Histogram(3);
        final List<Double> sliceMedians = new ArrayList<>();
        int slices;
        double cpuWallS;
        double cpuHarnessS;
        Double cpuDatabaseS = 0.0;
        String failure;

        Tally(DesignUnderTest design, Path directory) {
            this.design = design;
            try {
                Path histograms = Files.createDirectories(directory.resolve("histograms"));
                Path file = histograms.resolve("storage-" + design.name() + ".hlog");
                logStream = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
                logFile = directory.relativize(file).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log = OpenLoopDriver.newLog(logStream, "SchemaBench storage-level read latency, design "
                    + design.name() + ", nanoseconds from intended start, one-second intervals");
        }
    }

    @Override
    public String name() {
        return "storage_level";
    }

    @Override
    public Map<String, StageResult<Figures>> run(RunContext run, List<DesignUnderTest> designs) {
        CompareConfig config = run.config();
        List<Tally> tallies = new ArrayList<>();
        String stoppedBecause;
        try {
            for (DesignUnderTest design : designs) {
                tallies.add(new Tally(design, run.directory()));
            }
            stoppedBecause = measure(run, config, tallies);
        } finally {
            tallies.forEach(tally -> tally.logStream.close());
        }
        Map<String, StageResult<Figures>> results = new LinkedHashMap<>();
        for (Tally tally : tallies) {
            Figures figures = withIntervals(figures(config, tally), run.directory().resolve(tally.logFile),
                    tally.design.name());
            if (figures != null && figures.latency() != null) {
                figures = new Figures(figures.latency().withChecks(checks(config, tally)), figures.cpu());
            }
            if (stoppedBecause != null && figures != null && figures.latency() != null) {
                figures = new Figures(figures.latency().withPrecision(precision(config, tally, figures.latency(),
                        stoppedBecause)), figures.cpu());
            }
            Map<String, String> artifacts = Map.of("storage_histogram_log", tally.logFile);
            results.put(tally.design.name(), tally.failure != null
                    ? new StageResult<>(StageResult.Status.FAILED, figures, tally.failure, artifacts)
                    : StageResult.measured(figures, artifacts));
        }
        return results;
    }

    /** The default distribution keeps ZipfianKeys' sequence, so runs from before key_distribution stay comparable. */
    private static String[] keys(CompareConfig config, long seed, int count) {
        if (config.keyDistribution().equals(KeyDistribution.DEFAULT)) {
            return new ZipfianKeys(config.products(), ZipfianKeys.DEFAULT_CONSTANT, seed).nextProductIds(count);
        }
        KeyDistribution.KeySequence sequence = config.keyDistribution().keys(config.products(), seed);
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = sequence.nextProductId();
        }
        return keys;
    }

    /**
     * Measures the configured slices; with a {@linkplain PrecisionGoal precision} asked for, then pairs of slices
     * until it is reached or its cap. Returns why a precision run stopped, or null without one.
     */
    private static String measure(RunContext run, CompareConfig config, List<Tally> tallies) {
        int perSlice = (int) perSliceReads(config);
        int warmupCount = (int) Math.round(config.rate() * config.warmup().toMillis() / 1000.0);
        String[] keys = keys(config, config.seed(), perSlice * config.slices());
        String[] warmupKeys = keys(config, config.seed() + 1, Math.max(1, warmupCount));
        long totalReads = (long) tallies.size() * (perSlice * (long) config.slices() + warmupCount);
        try (OpenLoopDriver driver = new OpenLoopDriver(config.threads());
             Progress progress = Progress.start("measuring " + tallies.size() + " design(s) at "
                     + Math.round(config.rate()) + " reads/s", totalReads, "reads")) {
            if (warmupCount > 0) {
                for (Tally tally : tallies) {
                    warmUp(config, tally, driver, progress, warmupKeys, warmupCount);
                }
            }
            HeapSettle.settle();
            for (int slice = 0; slice < config.slices(); slice++) {
                measureSlice(run, config, tallies, driver, progress, keys, slice * perSlice, perSlice, slice);
            }
        }
        if (!config.precision().enabled()) {
            return null;
        }
        return untilPrecise(run, config, tallies, perSlice);
    }

    /**
     * Warms one design up. A warm-up of at least {@link #SETTLE_WINDOW_S} seconds runs second by second and ends once
     * the last {@link #SETTLE_WINDOW_S} per-second medians agree within {@link #SETTLE_TOLERANCE} without a trend
     * ({@link SteadyState}) and the JIT compiled for at most {@link #JIT_SETTLED_SHARE} of that window; the
     * configured warm-up is then a cap, and reaching it means the design never settled. A shorter warm-up runs whole
     * and is not checked.
     */
    private static void warmUp(CompareConfig config, Tally tally, OpenLoopDriver driver, Progress progress,
                               String[] keys, int count) {
        int perSecond = (int) Math.max(1, Math.round(config.rate()));
        int seconds = count / perSecond;
        if (seconds < SETTLE_WINDOW_S) {
            SliceResult warmup = driver.run(tally.design.measured(), keys, 0, count, config.rate(), config.limit(),
                    null, tally.design.name());
            tally.warmupOps = warmup.ops();
            tally.warmupS = count / config.rate();
            progress.advance(count);
            if (warmup.aborted()) {
                tally.failure = "reads failed during warm-up: " + warmup.firstError();
            }
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        List<Double> medians = new ArrayList<>();
        List<Long> jitMs = new ArrayList<>();
        tally.warmup = "never_settled";
        int second = 0;
        while (second < seconds) {
            long jitBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
            SliceResult result = driver.run(tally.design.measured(), keys, second * perSecond, perSecond,
                    config.rate(), config.limit(), null, tally.design.name());
            second++;
            tally.warmupOps += result.ops();
            progress.advance(perSecond);
            if (result.aborted()) {
                tally.failure = "reads failed during warm-up: " + result.firstError();
                break;
            }
            medians.add((double) result.histogram().getValueAtPercentile(50));
            jitMs.add(jitTimed ? jit.getTotalCompilationTime() - jitBefore : 0);
            if (medians.size() >= SETTLE_WINDOW_S && settled(medians, jitMs)) {
                tally.warmup = "settled";
                break;
            }
        }
        tally.warmupS = second;
        progress.advance((long) (count - second * perSecond));
        if (tally.warmup.equals("never_settled") && medians.size() >= SETTLE_WINDOW_S) {
            tally.warmupWhy = unsettled(medians, jitMs);
        }
    }

    /** Why the last window did not settle, in words: the medians' spread, the JIT's compile time, or both. */
    private static String unsettled(List<Double> medians, List<Long> jitMs) {
        List<Double> window = medians.subList(medians.size() - SETTLE_WINDOW_S, medians.size());
        double low = window.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = window.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        long compiling = jitMs.subList(jitMs.size() - SETTLE_WINDOW_S, jitMs.size()).stream()
                .mapToLong(Long::longValue).sum();
        return String.format(java.util.Locale.ROOT, "in its last %d s the per-second median ranged %.2f to %.2f ms"
                + " and the JIT compiled for %d ms", SETTLE_WINDOW_S, low / 1e6, high / 1e6, compiling);
    }

    private static boolean settled(List<Double> medians, List<Long> jitMs) {
        double[] window = medians.subList(medians.size() - SETTLE_WINDOW_S, medians.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        long compiling = jitMs.subList(jitMs.size() - SETTLE_WINDOW_S, jitMs.size()).stream()
                .mapToLong(Long::longValue).sum();
        return SteadyState.settledAt(window, SETTLE_WINDOW_S, SETTLE_TOLERANCE).isPresent()
                && compiling <= JIT_SETTLED_SHARE * SETTLE_WINDOW_S * 1000;
    }

    /**
     * A send counts as late when it leaves more than two inter-arrival periods (and at least 1 ms) after its intended
     * time: by then reads have bunched up and the design no longer sees the arrival process asked for. The schedule
     * is kept when at most 1 % of sends are late.
     */
    static ScheduleLag.Tolerance lagTolerance(double ratePerSecond) {
        long twoPeriods = Math.round(2e9 / ratePerSecond);
        return new ScheduleLag.Tolerance(Math.max(ScheduleLag.Tolerance.DEFAULT.lateNanos(), twoPeriods),
                ScheduleLag.Tolerance.DEFAULT.maxLateShare());
    }

    /** What the checks of one design's measurement found ({@link RunResults.MeasurementChecks}). */
    private static RunResults.MeasurementChecks checks(CompareConfig config, Tally tally) {
        Stationarity.Result trend = Stationarity.check(tally.sliceMedians.stream().mapToDouble(Double::doubleValue)
                .toArray(), TREND_ALPHA, MAX_DRIFT);
        ScheduleLag.Tolerance tolerance = lagTolerance(config.rate());
        ScheduleLag.Result lag = ScheduleLag.check(tally.sendLag, tolerance);
        List<String> flags = new ArrayList<>();
        if (trend.status() == Stationarity.Status.DRIFTING) {
            flags.add("latency " + trend.describe());
        }
        if (!lag.keptSchedule()) {
            flags.add("the load generator " + lag.describe(tolerance));
        }
        if (tally.warmup.equals("never_settled")) {
            flags.add("the warm-up never settled within " + DurationText.format(config.warmup())
                    + (tally.warmupWhy == null ? "" : ": " + tally.warmupWhy));
        }
        boolean measuredTrend = trend.status() != Stationarity.Status.TOO_FEW_SLICES;
        return new RunResults.MeasurementChecks(tally.warmupS, config.warmup().toMillis() / 1000.0, tally.warmup,
                trend.status().name().toLowerCase(java.util.Locale.ROOT),
                measuredTrend ? PerDesignStage.round(trend.drift()) : null,
                measuredTrend ? PerDesignStage.round(trend.pValue()) : null, lag.sends(),
                PerDesignStage.round(tolerance.lateNanos() / 1e6),
                PerDesignStage.round(lag.p99LagMs()), PerDesignStage.round(lag.maxLagMs()),
                PerDesignStage.round(lag.lateShare()), lag.keptSchedule(), List.copyOf(flags));
    }

    /**
     * Adds pairs of alternating slices, each over keys of its own from the same seeded sequence, until every design
     * still measured has its P99 within the precision asked for, the cap on measured time is reached, or the run is
     * stopping. Returns why it stopped.
     */
    private static String untilPrecise(RunContext run, CompareConfig config, List<Tally> tallies, int perSlice) {
        PrecisionGoal goal = config.precision();
        double sliceS = perSlice / config.rate();
        int maxSlices = (int) Math.floor(goal.cap().toMillis() / 1000.0 / sliceS + 1e-9);
        int slice = config.slices();
        try (OpenLoopDriver driver = new OpenLoopDriver(config.threads())) {
            while (true) {
                List<String> widths = new ArrayList<>();
                boolean allMet = true;
                for (Tally tally : tallies) {
                    if (tally.failure != null) {
                        continue;
                    }
                    tally.logStream.flush();
                    Double reached = halfWidth(MeasuredIntervals.fromLog(run.directory().resolve(tally.logFile),
                            tally.design.name()));
                    allMet &= reached != null && reached <= goal.target();
                    widths.add(tally.design.name() + " " + (reached == null ? "too few reads"
                            : "±" + Math.round(reached * 1000) / 10.0 + " %"));
                }
                String state = "P99 " + String.join(", ", widths) + " after " + slice + " slices ("
                        + Math.round(slice * sliceS) + " s per design)";
                if (allMet) {
                    return "every design's P99 within ±" + goal.describe() + ": " + state;
                }
                if (slice + 2 > maxSlices) {
                    return "cap reached (precision_cap = " + DurationText.format(goal.cap())
                            + "): " + state;
                }
                if (run.stopping()) {
                    return "stopped: " + state;
                }
                PerDesignStage.say("precision " + goal.describe() + " not reached yet: " + state
                        + "; measuring 2 more slices");
                try (Progress progress = Progress.start("measuring slices " + (slice + 1) + " and " + (slice + 2),
                        2L * perSlice * tallies.size(), "reads")) {
                    for (int extra = 0; extra < 2; extra++, slice++) {
                        String[] keys = keys(config, config.seed() + 2 + slice, perSlice);
                        measureSlice(run, config, tallies, driver, progress, keys, 0, perSlice, slice);
                    }
                }
            }
        }
    }

    /** The P99 interval's relative half-width, the "± x %" the report shows, or null when there is none. */
    static Double halfWidth(RunResults.LatencyIntervals intervals) {
        RunResults.FigureInterval p99 = intervals == null ? null : intervals.p99Ms();
        return p99 == null ? null : p99.relativeHalfWidth();
    }

    /** One slice: every design still measured in turn (reversed in odd slices), over the same keys. */
    private static void measureSlice(RunContext run, CompareConfig config, List<Tally> tallies, OpenLoopDriver driver,
                                     Progress progress, String[] keys, int offset, int perSlice, int slice) {
        List<Tally> order = new ArrayList<>(tallies);
        if (slice % 2 == 1) {
            Collections.reverse(order);
        }
        for (Tally tally : order) {
            if (tally.failure != null) {
                continue;
            }
            double harnessBefore = CpuMeter.thisProcessSeconds();
            OptionalLong databaseBefore = run.databaseTicks(tally.design);
            SliceResult result = driver.run(tally.design.measured(), keys, offset, perSlice,
                    config.rate(), config.limit(), tally.log, tally.design.name());
            tally.cpuHarnessS += CpuMeter.thisProcessSeconds() - harnessBefore;
            OptionalLong databaseAfter = run.databaseTicks(tally.design);
            if (databaseBefore.isPresent() && databaseAfter.isPresent() && tally.cpuDatabaseS != null) {
                tally.cpuDatabaseS += CpuMeter.ticksToSeconds(databaseAfter.getAsLong()
                        - databaseBefore.getAsLong());
            } else {
                tally.cpuDatabaseS = null;
            }
            tally.cpuWallS += result.wallNanos() / 1e9;
            tally.histogram.add(result.histogram());
            if (result.sendLag() != null) {
                tally.sendLag.add(result.sendLag());
            }
            if (result.histogram().getTotalCount() > 0) {
                tally.sliceMedians.add((double) result.histogram().getValueAtPercentile(50));
            }
            tally.ops += result.ops();
            tally.errors += result.errors();
            tally.wallNanos += result.wallNanos();
            tally.slices++;
            progress.advance(perSlice);
            if (result.aborted()) {
                tally.failure = "reads kept failing in slice " + (slice + 1) + ": " + result.firstError();
            }
        }
    }

    private static RunResults.Precision precision(CompareConfig config, Tally tally, RunResults.Latency latency,
                                                  String stoppedBecause) {
        Double reached = halfWidth(latency.intervals());
        Double rounded = reached == null ? null : PerDesignStage.round(reached);
        return new RunResults.Precision(config.precision().target(), rounded,
                reached != null && reached <= config.precision().target(),
                PerDesignStage.round(tally.slices * (double) perSliceReads(config) / config.rate()),
                config.precision().cap().toMillis() / 1000.0, stoppedBecause);
    }

    private static long perSliceReads(CompareConfig config) {
        long perDesign = Math.max(config.slices(), Math.round(config.rate() * config.duration().toMillis() / 1000.0));
        return Math.max(1, perDesign / config.slices());
    }

    /** The figures with the intervals of their latency, from the interval log the stage just wrote. */
    private static Figures withIntervals(Figures figures, Path log, String tag) {
        if (figures == null || figures.latency() == null) {
            return figures;
        }
        return new Figures(figures.latency().withIntervals(MeasuredIntervals.fromLog(log, tag)), figures.cpu());
    }

    private static Figures figures(CompareConfig config, Tally tally) {
        if (tally.slices == 0) {
            return null;
        }
        RunResults.Latency latency = null;
        if (tally.histogram.getTotalCount() > 0) {
            Histogram h = tally.histogram;
            latency = new RunResults.Latency(PerDesignStage.ms(h.getValueAtPercentile(50)),
                    PerDesignStage.ms(h.getValueAtPercentile(95)), PerDesignStage.ms(h.getValueAtPercentile(99)),
                    PerDesignStage.ms(h.getValueAtPercentile(99.9)), PerDesignStage.ms(h.getMaxValue()),
                    PerDesignStage.round(h.getMean() / 1e6), tally.ops, tally.errors,
                    PerDesignStage.round(tally.ops / (tally.wallNanos / 1e9)), config.rate(), tally.warmupOps,
                    tally.slices);
        }
        RunResults.Cpu cpu = new RunResults.Cpu(PerDesignStage.round(tally.cpuWallS),
                PerDesignStage.round(tally.cpuHarnessS),
                tally.cpuDatabaseS == null ? null : PerDesignStage.round(tally.cpuDatabaseS),
                Runtime.getRuntime().availableProcessors(), null, tally.ops + tally.errors);
        return new Figures(latency, cpu);
    }

    @Override
    public void write(StageResult<Figures> result, DesignResults results) {
        if (result.figures() != null) {
            results.storageLevel = result.figures().latency();
            results.cpu = result.figures().cpu();
        }
        results.artifacts.putAll(result.artifacts());
    }
}
