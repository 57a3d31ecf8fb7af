package dev.schemabench.suite;

import dev.schemabench.cache.CacheKind;
import dev.schemabench.cache.CachePolicy;
import dev.schemabench.cache.CacheSettings;
import dev.schemabench.cache.CacheStore;
import dev.schemabench.cache.CachedDesign;
import dev.schemabench.cache.CaffeineStore;
import dev.schemabench.cache.EmbeddedRedis;
import dev.schemabench.cache.RedisServerControl;
import dev.schemabench.cache.RedisStore;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.DesignReads;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.CpuMeter;
import dev.schemabench.measure.IntendedStart;
import dev.schemabench.measure.MeasuredReads;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.AnswerVerdict;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import redis.clients.jedis.HostAndPort;

/**
 * A cache in front of each design (docs/cache.md): the design uncached, then behind each cache kind and policy at the
 * same arrival rate over the same Zipfian keys. Per configuration: a warm-up, the steady state (hit ratio, latency,
 * database reads and CPU, cache memory), an activation of the next batch through the cache (the miss storm), and a
 * rollback made directly on the design, as another process would (stale reads until the cache notices). Every answer
 * is judged by the refresh's check against the generated truth; an answer from a batch other than the one active in
 * the database counts as stale. Then the size sweep and, with an embedded Redis, the failure phase.
 */
final class CacheStage extends PerDesignStage<RunResults.Cache> {

    /** Reads that complete this soon after the database changed batch are not judged stale: they were in flight. */
    static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(100);
    private static final Duration REDIS_PROBE = Duration.ofSeconds(5);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

    private OpenLoopDriver driver;
    private HostAndPort redis;
    private EmbeddedRedis embedded;
    private String redisNote;

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public Optional<String> skipReason(RunContext run) {
        return run.config().cache().enabled() ? Optional.empty()
                : Optional.of("cache stage switched off (profile key " + CacheOptions.CACHE + " = off)");
    }

    @Override
    public Map<String, StageResult<RunResults.Cache>> run(RunContext run, List<DesignUnderTest> designs) {
        CacheOptions options = run.config().cache();
        if (options.kinds().contains(CacheKind.REDIS)) {
            startRedis(options, run.config().threads());
        }
        try (OpenLoopDriver shared = new OpenLoopDriver(run.config().threads())) {
            driver = shared;
            return super.run(run, designs);
        } finally {
            driver = null;
            if (embedded != null) {
                embedded.close();
                embedded = null;
            }
            redis = null;
            redisNote = null;
        }
    }

    private void startRedis(CacheOptions options, int threads) {
        if (options.redisUrl() != null) {
            HostAndPort address = RedisServerControl.address(options.redisUrl());
            Optional<String> unreachable = RedisServerControl.unreachable(address, REDIS_PROBE);
            if (unreachable.isPresent()) {
                redisNote = "redis variants skipped: " + unreachable.get();
                say(redisNote);
            } else {
                redis = address;
            }
            return;
        }
        try {
            embedded = EmbeddedRedis.start(Math.max(64, threads * 8));
            redis = embedded.address();
        } catch (IOException | RuntimeException e) {
            redisNote = "redis variants skipped: the embedded Redis did not start (" + e.getMessage()
                    + "); give an existing one with --redis-url";
            say(redisNote);
        }
    }

    @Override
    protected StageResult<RunResults.Cache> measure(RunContext run, DesignUnderTest under) {
        CompareConfig config = run.config();
        CacheOptions options = config.cache();
        StorageDesign design = under.design();
        int fromNumber = RunContext.BATCH_NUMBER;
        int toNumber = fromNumber + 1;
        String fromId = CatalogGenerator.defaultBatchId(fromNumber);
        String toId = CatalogGenerator.defaultBatchId(toNumber);
        if (!design.activeBatch().equals(Optional.of(fromId))) {
            return StageResult.notMeasured("the cache stage needs batch " + fromId + " active, found "
                    + design.activeBatch().orElse("none"));
        }
        if (design.batches().stream().map(BatchInfo::batchId).noneMatch(toId::equals)) {
            say(under.name() + ": staging " + toId + " for the cache stage's activations...");
            design.stage(run.generator().batch(toNumber));
        }
        String[] ring = new ZipfianKeys(config.products(), ZipfianKeys.DEFAULT_CONSTANT, config.seed() + 3)
                .nextProductIds(65_536);
        Cell context = new Cell(run, under, ring, fromId, fromNumber, toId, toNumber);
        List<String> notes = new ArrayList<>();
        if (redisNote != null) {
            notes.add(redisNote);
        }

        say(under.name() + ": cache stage, uncached reads...");
        TimedReads uncached = new TimedReads(design);
        OpenLoopDriver.Load baseline = driver.start(uncached, i -> ring[i & (ring.length - 1)], Long.MAX_VALUE,
                config.rate(), config.limit(), OpenLoopDriver.FOUND, 0.5, null, under.name());
        baseline.phase("warm");
        sleep(options.settle());
        baseline.phase("steady");
        sleep(options.duration());
        baseline.stop();
        OpenLoopDriver.LoadResult baseResult = baseline.await();
        SliceResult base = baseResult.phases().get("steady");

        List<RunResults.CacheCell> cells = new ArrayList<>();
        for (CacheKind kind : options.kinds()) {
            if (kind == CacheKind.REDIS && redis == null) {
                continue;
            }
            for (CachePolicy policy : options.policies()) {
                say(under.name() + ": cache " + kind.id() + "/" + policy.id() + " at " + options.sizePercent()
                        + " % of products...");
                cells.add(context.measure(kind, policy, options.sizePercent(), true));
            }
        }
        List<RunResults.CacheCell> sweep = new ArrayList<>();
        CachePolicy sweepPolicy = options.policies().get(0);
        for (CacheKind kind : options.kinds()) {
            if (kind == CacheKind.REDIS && redis == null) {
                continue;
            }
            for (double percent : options.sweepPercent()) {
                say(under.name() + ": cache size sweep, " + kind.id() + " at " + percent + " % of products...");
                sweep.add(context.measure(kind, sweepPolicy, percent, false));
            }
        }
        RunResults.CacheFailure failure = null;
        if (options.failure() && embedded != null) {
            say(under.name() + ": Redis failure phase (stop and restart the embedded server)...");
            failure = context.failure(options.sizePercent());
        } else if (options.failure() && options.kinds().contains(CacheKind.REDIS)) {
            notes.add("failure phase skipped: it stops the server, so it runs only on the embedded Redis");
        }
        return StageResult.measured(new RunResults.Cache(config.rate(), ms(base.histogram().getValueAtPercentile(50)),
                ms(base.histogram().getValueAtPercentile(99)), base.ops(), List.copyOf(cells), List.copyOf(sweep),
                failure, List.copyOf(notes), MeasuredIntervals.of(baseResult.phaseIntervals().get("steady"))));
    }

    /** Measures cache configurations over one design. */
    private final class Cell {
        final RunContext run;
        final DesignUnderTest under;
        final String[] ring;
        final String fromId;
        final int fromNumber;
        final String toId;
        final int toNumber;
        final RefreshUnderLoad truth;
        volatile String databaseActive;
        volatile long changedAtNanos;
        final LongAdder stale = new LongAdder();

        Cell(RunContext run, DesignUnderTest under, String[] ring, String fromId, int fromNumber, String toId,
             int toNumber) {
            this.run = run;
            this.under = under;
            this.ring = ring;
            this.fromId = fromId;
            this.fromNumber = fromNumber;
            this.toId = toId;
            this.toNumber = toNumber;
            CompareConfig config = run.config();
            this.truth = new RefreshUnderLoad(run.generator(), config.limit(), config.rate(), config.settle());
        }

        AnswerVerdict check(String productId, SimilarResult result) {
            AnswerVerdict verdict = truth.verdict(productId, result, fromId, fromNumber, toId, toNumber);
            if (verdict == AnswerVerdict.OK && result instanceof SimilarResult.Found found
                    && !found.batchId().equals(databaseActive)
                    && System.nanoTime() - changedAtNanos > IN_FLIGHT_GRACE.toNanos()) {
                stale.increment();
            }
            return verdict;
        }

        CachedDesign cached(CacheKind kind, CachePolicy policy, double percent) {
            CacheOptions options = run.config().cache();
            long entries = CacheOptions.entries(percent, run.config().products());
            CacheSettings settings = new CacheSettings(kind, policy, entries, options.ttl(), options.checkInterval());
            CacheStore store;
            if (kind == CacheKind.CAFFEINE) {
                store = new CaffeineStore(entries, settings.entryTtl());
            } else {
                if (embedded != null) {
                    RedisServerControl.flush(redis);
                    long answerBytes = RedisServerControl.answerBytes(under.design(), i -> ring[i],
                            run.config().limit());
                    RedisServerControl.limitMemory(redis, RedisServerControl.usedMemory(redis)
                            + entries * answerBytes);
                }
                store = new RedisStore(redis, "schemabench:" + under.name() + ":" + policy.id() + ":" + percent + ":",
                        settings.entryTtl(), run.config().threads() * 2);
            }
            return new CachedDesign(under.design(), store, settings);
        }

        RunResults.CacheCell measure(CacheKind kind, CachePolicy policy, double percent, boolean full) {
            CompareConfig config = run.config();
            CacheOptions options = config.cache();
            databaseActive = fromId;
            changedAtNanos = System.nanoTime();
            stale.reset();
            try (CachedDesign cache = cached(kind, policy, percent)) {
                TimedReads reads = new TimedReads(cache);
                OpenLoopDriver.Load load = driver.start(reads, i -> ring[i & (ring.length - 1)], Long.MAX_VALUE,
                        config.rate(), config.limit(), this::check, 0.5, null, under.name());
                List<RunResults.HitRatioPoint> ratios = new ArrayList<>();
                long loadStart = System.nanoTime();
                CachedDesign.CacheStats steadyStats;
                CachedDesign.CacheStats stormStats = null;
                double cpuBefore;
                Double databaseCpu = null;
                Long memory;
                long staleBeforeElsewhere = 0;
                double stormSeconds = 0;
                try {
                    load.phase("warm");
                    sleep(options.settle());
                    load.phase("steady");
                    CachedDesign.CacheStats before = cache.stats();
                    OptionalLong ticksBefore = run.databaseTicks(under);
                    cpuBefore = 0;
                    sampleRatios(cache, options.duration(), loadStart, ratios);
                    OptionalLong ticksAfter = run.databaseTicks(under);
                    steadyStats = cache.stats().since(before);
                    if (ticksBefore.isPresent() && ticksAfter.isPresent()) {
                        databaseCpu = round(cpuBefore + CpuMeter.ticksToSeconds(ticksAfter.getAsLong()
                                - ticksBefore.getAsLong()));
                    }
                    long bytes = cache.store().memoryBytes();
                    memory = bytes < 0 ? null : bytes;
                    if (full) {
                        load.phase("storm");
                        CachedDesign.CacheStats stormBefore = cache.stats();
                        long stormStart = System.nanoTime();
                        if (cache.activate(toId) != ActivationOutcome.ACTIVATED) {
                            throw new IllegalStateException("activation of " + toId + " did not go through");
                        }
                        databaseActive = toId;
                        changedAtNanos = System.nanoTime();
                        sampleRatios(cache, options.settle(), loadStart, ratios);
                        stormSeconds = (System.nanoTime() - stormStart) / 1e9;
                        stormStats = cache.stats().since(stormBefore);
                        staleBeforeElsewhere = stale.sum();
                        load.phase("elsewhere");
                        RollbackOutcome back = under.design().rollback();
                        if (!(back instanceof RollbackOutcome.RolledBack)) {
                            throw new IllegalStateException("rollback to " + fromId + " returned " + back);
                        }
                        databaseActive = fromId;
                        changedAtNanos = System.nanoTime();
                        sampleRatios(cache, options.settle().plus(options.checkInterval()), loadStart, ratios);
                    }
                } finally {
                    load.stop();
                    if (!under.design().activeBatch().equals(Optional.of(fromId))) {
                        under.design().activate(fromId);
                    }
                }
                OpenLoopDriver.LoadResult result = load.await();
                SliceResult steady = result.phases().get("steady");
                SliceResult storm = result.phases().get("storm");
                Map<AnswerVerdict, Long> verdicts = result.verdicts();
                long bad = verdicts.get(AnswerVerdict.ERROR) + verdicts.get(AnswerVerdict.EMPTY)
                        + verdicts.get(AnswerVerdict.MIXED) + result.total().errors();
                List<RunResults.TimelinePoint> timeline = !full ? List.of() : result.timeline().stream()
                        .filter(point -> !point.phase().equals("warm") && point.count() > 0)
                        .map(point -> new RunResults.TimelinePoint(round(point.startSeconds()),
                                round(point.endSeconds()), point.phase(), point.count(), point.p50Ms(),
                                point.p99Ms(), point.maxMs()))
                        .toList();
                long staleTotal = stale.sum();
                return new RunResults.CacheCell(kind.id(), policy.id(), percent,
                        CacheOptions.entries(percent, config.products()), steadyStats.hits() + steadyStats.misses(),
                        round(steadyStats.hitRatio()), ms(steady.histogram().getValueAtPercentile(50)),
                        ms(steady.histogram().getValueAtPercentile(99)), steadyStats.misses(), steadyStats.hits(),
                        databaseCpu, memory, cache.stats().errors(), bad,
                        storm == null ? null : ms(storm.histogram().getValueAtPercentile(99)),
                        stormStats == null ? null : round(stormStats.hitRatio()),
                        stormStats == null || stormSeconds <= 0 ? null : round(stormStats.misses() / stormSeconds),
                        full ? staleTotal : null, full ? staleTotal - staleBeforeElsewhere : null, timeline,
                        full ? List.copyOf(ratios) : List.of(),
                        MeasuredIntervals.of(result.phaseIntervals().get("steady")));
            } finally {
                if (kind == CacheKind.REDIS && embedded != null) {
                    RedisServerControl.flush(redis);
                }
            }
        }

        RunResults.CacheFailure failure(double percent) {
            CompareConfig config = run.config();
            CacheOptions options = config.cache();
            databaseActive = fromId;
            changedAtNanos = System.nanoTime();
            try (CachedDesign cache = cached(CacheKind.REDIS, CachePolicy.VERSIONED, percent)) {
                TimedReads reads = new TimedReads(cache);
                OpenLoopDriver.Load load = driver.start(reads, i -> ring[i & (ring.length - 1)], Long.MAX_VALUE,
                        config.rate(), config.limit(), this::check, 1.0, null, under.name());
                long degradedErrorsBefore;
                Double recovery = null;
                try {
                    load.phase("warm");
                    sleep(options.settle());
                    load.phase("before");
                    sleep(options.settle());
                    load.phase("degraded");
                    degradedErrorsBefore = cache.stats().errors();
                    embedded.stop();
                    sleep(options.settle());
                    load.phase("recovering");
                    startQuietly();
                    long restarted = System.nanoTime();
                    long hitsAtRestart = cache.stats().hits();
                    while (System.nanoTime() - restarted < RECOVERY_LIMIT.toNanos()) {
                        if (cache.stats().hits() > hitsAtRestart) {
                            recovery = round((System.nanoTime() - restarted) / 1e9);
                            break;
                        }
                        sleep(Duration.ofMillis(10));
                    }
                    load.phase("after");
                    sleep(options.settle());
                } finally {
                    load.stop();
                    if (!embedded.running()) {
                        startQuietly();
                    }
                }
                OpenLoopDriver.LoadResult result = load.await();
                Map<AnswerVerdict, Long> verdicts = result.verdicts();
                long failed = verdicts.get(AnswerVerdict.ERROR) + verdicts.get(AnswerVerdict.EMPTY)
                        + verdicts.get(AnswerVerdict.MIXED) + result.total().errors();
                SliceResult degraded = result.phases().get("degraded");
                return new RunResults.CacheFailure(p99(result.phases().get("before")), p99(degraded),
                        p99(result.phases().get("after")), degraded == null ? 0 : degraded.ops(), failed,
                        cache.stats().errors() - degradedErrorsBefore, recovery);
            } finally {
                RedisServerControl.flush(redis);
            }
        }

        private void startQuietly() {
            try {
                embedded.start();
            } catch (IOException e) {
                say("the embedded Redis did not restart: " + e.getMessage());
            }
        }
    }

    private static double p99(SliceResult slice) {
        return slice == null ? 0 : ms(slice.histogram().getValueAtPercentile(99));
    }

    /** Sleeps {@code duration}, recording the hit ratio of each second (or the remainder) on the way. */
    private static void sampleRatios(CachedDesign cache, Duration duration, long loadStart,
                                     List<RunResults.HitRatioPoint> ratios) {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (end - now < Duration.ofMillis(1).toNanos()) {
                return;
            }
            CachedDesign.CacheStats before = cache.stats();
            long step = Math.min(end - now, Duration.ofSeconds(1).toNanos());
            sleep(Duration.ofNanos(step));
            CachedDesign.CacheStats interval = cache.stats().since(before);
            if (interval.hits() + interval.misses() == 0) {
                continue;
            }
            ratios.add(new RunResults.HitRatioPoint(round((now - loadStart) / 1e9), interval.hits()
                    + interval.misses(), round(interval.hitRatio())));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Any design's reads (cached or not), timed from their intended start like the storage level's. */
    private static final class TimedReads implements MeasuredReads {
        private final DesignReads reads;
        private final Recorder recorder = new Recorder(3);

        TimedReads(DesignReads reads) {
            this.reads = reads;
        }

        @Override
        public SimilarResult similar(String productId, int limit) {
            long start = IntendedStart.take(System.nanoTime());
            SimilarResult result = reads.similar(productId, limit);
            recorder.recordValue(Math.max(0, System.nanoTime() - start));
            return result;
        }

        @Override
        public Histogram intervalHistogram(Histogram recycle) {
            return recorder.getIntervalHistogram(recycle);
        }
    }

    @Override
    public void write(StageResult<RunResults.Cache> result, DesignResults results) {
        results.cache = result.figures();
    }
}
