package dev.schemabench.suite;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogTruth;
import dev.schemabench.catalog.Freshness;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.ProductUpdate;
import dev.schemabench.catalog.ProductUpdateStream;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.UpdateStreamSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.ProductUpdates;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.AnswerVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Product updates under load, at the storage level: reads run at a fixed arrival rate, first alone, then while the
 * generator's update stream runs at its own fixed rate, then alone again. Under {@link UpdateSettings.Strategy#APPLY}
 * each update is written by the design as it comes (timed from its intended start, its fan-out counted); under
 * {@link UpdateSettings.Strategy#DEFER} the stored lists are left alone and the updates only happen in the catalog.
 * Every answer is judged by {@link CatalogTruth} against the updates committed when the read started and ended, so
 * freshness comes from what readers received, not from the update log. Afterwards every list that recommends a changed
 * product is read once and judged, and under apply the changed products are written back to the batch's values so
 * later stages find the batch as it was loaded.
 */
final class UpdatesUnderLoad {

    static final String WITHOUT = "without_updates";
    static final String DURING = "during_updates";
    static final String AFTER = "after_updates";
    /** At most this many lists are read back after the stream. */
    static final int AFTER_STREAM_LISTS = 20_000;

    private final CatalogGenerator generator;
    private final UpdateSettings settings;
    private final int batchNumber;
    private final int limit;
    private final double readRate;
    private final Duration settle;

    UpdatesUnderLoad(CatalogGenerator generator, UpdateSettings settings, int batchNumber, int limit,
                     double readRate, Duration settle) {
        this.generator = generator;
        this.settings = settings;
        this.batchNumber = batchNumber;
        this.limit = limit;
        this.readRate = readRate;
        this.settle = settle;
    }

    /** The number of updates one stream issues. */
    long updateCount() {
        return Math.max(1, Math.round(settings.duration().toNanos() / 1e9 * settings.ratePerS()));
    }

    /**
     * Runs one strategy on one design and reports it; {@code walPosition} is null where the engine has no WAL figure.
     */
    ProductUpdates.Strategy run(MeasuredDesign reads, DesignUpdates design, OpenLoopDriver driver,
                                UpdateSettings.Strategy strategy, LongSupplier walPosition) {
        UpdateStreamSpec spec = settings.streamSpec();
        int count = (int) updateCount();
        CatalogTruth truth = new CatalogTruth(generator, spec, count);
        List<ProductUpdate> updates = new ArrayList<>(count);
        ProductUpdateStream stream = new ProductUpdateStream(generator, spec);
        Map<String, List<Long>> sequencesByProduct = new HashMap<>();
        for (int k = 0; k < count; k++) {
            ProductUpdate update = stream.next();
            updates.add(update);
            if (update.inCatalog()) {
                sequencesByProduct.computeIfAbsent(update.productId(), key -> new ArrayList<>()).add(update.sequence());
            }
        }
        Judge judge = new Judge(truth, sequencesByProduct, count, batchNumber, limit);
        ZipfianKeys keys = new ZipfianKeys(generator.spec().products(), ZipfianKeys.DEFAULT_CONSTANT,
                generator.spec().seed() + 3);
        String[] keyRing = keys.nextProductIds(65_536);
        OpenLoopDriver.Load load = driver.start(reads, i -> judge.started(keyRing[i & (keyRing.length - 1)]),
                Long.MAX_VALUE, readRate, limit, judge::check, 1.0, null, reads.name());
        Histogram latency = new Histogram(3);
        List<Histogram> latencyBySecond = new ArrayList<>();
        Histogram service = new Histogram(3);
        Histogram fanOut = new Histogram(3);
        long unknown = 0;
        long errors = 0;
        long issued = 0;
        Long walBytes = null;
        try {
            load.phase(WITHOUT);
            sleep(settle);
            load.phase(DURING);
            Long walStart = walPosition == null ? null : walPosition.getAsLong();
            long start = System.nanoTime();
            long deadline = start + settings.duration().multipliedBy(3).plusSeconds(30).toNanos();
            for (ProductUpdate update : updates) {
                long due = start + spec.intendedOffsetNanos(update.sequence());
                waitUntil(due);
                if (System.nanoTime() > deadline) {
                    break;
                }
                issued++;
                judge.begin(update.sequence());
                if (!update.inCatalog()) {
                    unknown++;
                }
                if (strategy == UpdateSettings.Strategy.APPLY) {
                    try {
                        long called = System.nanoTime();
                        long rewritten = design.applyUpdate(update.product());
                        long done = System.nanoTime();
                        latency.recordValue(Math.max(0, done - due));
                        perSecond(latencyBySecond, due - start).recordValue(Math.max(0, done - due));
                        service.recordValue(Math.max(0, done - called));
                        if (update.inCatalog()) {
                            fanOut.recordValue(rewritten);
                        } else if (rewritten != 0) {
                            throw new IllegalStateException("an update of " + update.productId()
                                    + ", a product the catalog lacks, rewrote " + rewritten);
                        }
                    } catch (RuntimeException e) {
                        if (e instanceof IllegalStateException) {
                            throw e;
                        }
                        errors++;
                    }
                }
                judge.committed(update.sequence(), strategy == UpdateSettings.Strategy.APPLY ? System.nanoTime() : due);
            }
            if (walStart != null && strategy == UpdateSettings.Strategy.APPLY && issued > 0) {
                walBytes = walPosition.getAsLong() - walStart;
            }
            load.phase(AFTER);
            sleep(settle);
        } finally {
            load.stop();
        }
        OpenLoopDriver.LoadResult result = load.await();
        ProductUpdates.AfterStream after = afterStream(reads, truth, sequencesByProduct.keySet(), judge.last());
        if (strategy == UpdateSettings.Strategy.APPLY) {
            restore(design, sequencesByProduct.keySet());
        }
        long applied = issued - errors;
        return new ProductUpdates.Strategy(strategy.key(), null, issued, unknown, errors,
                strategy == UpdateSettings.Strategy.APPLY && latency.getTotalCount() > 0
                        ? new ProductUpdates.UpdateLatency(latency.getTotalCount(),
                                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                                ms(latency.getMaxValue()), round(latency.getMean() / 1e6),
                                ms(service.getValueAtPercentile(50)), ms(service.getValueAtPercentile(99)),
                                MeasuredIntervals.of(latencyBySecond))
                        : null,
                strategy == UpdateSettings.Strategy.APPLY && fanOut.getTotalCount() > 0
                        ? new ProductUpdates.FanOut(round(fanOut.getMean()), fanOut.getValueAtPercentile(50),
                                fanOut.getValueAtPercentile(99), fanOut.getMaxValue(), total(fanOut))
                        : null,
                walBytes == null || applied <= 0 ? null : round((double) walBytes / applied),
                phase(result.phases(), WITHOUT), phase(result.phases(), DURING), judge.freshness(),
                after, timeline(result));
    }

    /** Reads every list that recommends a changed product (up to {@link #AFTER_STREAM_LISTS}) and judges it. */
    private ProductUpdates.AfterStream afterStream(MeasuredDesign reads, CatalogTruth truth, Set<String> changed,
                                                   long committed) {
        int recs = generator.spec().recsPerProduct();
        long lists = 0;
        long current = 0;
        long stale = 0;
        long wrong = 0;
        for (int index = 0; index < generator.spec().products() && lists < AFTER_STREAM_LISTS; index++) {
            boolean affected = false;
            for (SimilarItem item : generator.list(index, batchNumber).items()) {
                if (changed.contains(item.productId())) {
                    affected = true;
                    break;
                }
            }
            if (!affected) {
                continue;
            }
            lists++;
            String productId = CatalogGenerator.productId(index);
            SimilarResult answer = reads.unwrap().similar(productId, recs);
            Freshness verdict = answer instanceof SimilarResult.Found found
                    ? truth.freshness(productId, batchNumber, recs, found.items(), committed, committed)
                    : Freshness.WRONG;
            switch (verdict) {
                case CURRENT -> current++;
                case STALE -> stale++;
                case WRONG -> wrong++;
            }
        }
        return new ProductUpdates.AfterStream(lists, current, stale, wrong);
    }

    /** Writes every changed product back to the values the active batch was loaded with. */
    private void restore(DesignUpdates design, Set<String> changed) {
        for (String productId : changed) {
            design.applyUpdate(generator.product(CatalogGenerator.indexOf(productId)));
        }
    }

    /**
     * Judges every answer: remembers, per reader thread, how many updates had committed when its read started, and
     * counts current, stale and wrong answers. Thread-safe.
     */
    private static final class Judge {
        private final CatalogTruth truth;
        private final Map<String, List<Long>> sequencesByProduct;
        private final long[] commitNanos;
        private final AtomicLong committed = new AtomicLong();
        private final AtomicLong begun = new AtomicLong();
        private final ThreadLocal<long[]> readStart = ThreadLocal.withInitial(() -> new long[2]);
        private final LongAdder judged = new LongAdder();
        private final LongAdder staleReads = new LongAdder();
        private final LongAdder wrongReads = new LongAdder();
        private final AtomicLong maxStaleAfterCommit = new AtomicLong();
        private final Set<String> staleProducts = ConcurrentHashMap.newKeySet();
        private final int batchNumber;
        private final String batchId;
        private final int limit;

        Judge(CatalogTruth truth, Map<String, List<Long>> sequencesByProduct, int count, int batchNumber, int limit) {
            this.truth = truth;
            this.sequencesByProduct = sequencesByProduct;
            this.commitNanos = new long[count + 1];
            this.batchNumber = batchNumber;
            this.batchId = CatalogGenerator.defaultBatchId(batchNumber);
            this.limit = limit;
        }

        String started(String productId) {
            long[] start = readStart.get();
            start[0] = committed.get();
            start[1] = System.nanoTime();
            return productId;
        }

        void begin(long sequence) {
            begun.set(sequence);
        }

        void committed(long sequence, long nanos) {
            commitNanos[(int) sequence] = nanos;
            committed.set(sequence);
        }

        long last() {
            return committed.get();
        }

        AnswerVerdict check(String productId, SimilarResult result) {
            if (!(result instanceof SimilarResult.Found found) || found.items().isEmpty()) {
                return AnswerVerdict.EMPTY;
            }
            long[] start = readStart.get();
            long before = start[0];
            long after = Math.max(before, begun.get());
            judged.increment();
            List<SimilarItem> items = found.items();
            Freshness verdict = batchId.equals(found.batchId())
                    ? truth.freshness(productId, batchNumber, limit, items, before, after) : Freshness.WRONG;
            if (verdict == Freshness.WRONG) {
                wrongReads.increment();
                return AnswerVerdict.MIXED;
            }
            if (verdict == Freshness.STALE) {
                staleReads.increment();
                for (String stale : truth.staleProducts(items, before, after)) {
                    staleProducts.add(stale);
                    long missed = missedUpdate(stale, items, before);
                    if (missed > 0) {
                        long age = System.nanoTime() - commitNanos[(int) missed];
                        maxStaleAfterCommit.accumulateAndGet(age, Math::max);
                    }
                }
            }
            return AnswerVerdict.OK;
        }

        /** The first update of {@code productId}, committed by {@code before}, that the shown item does not reflect. */
        private long missedUpdate(String productId, List<SimilarItem> items, long before) {
            SimilarItem shown = null;
            for (SimilarItem item : items) {
                if (item.productId().equals(productId)) {
                    shown = item;
                    break;
                }
            }
            List<Long> sequences = sequencesByProduct.getOrDefault(productId, List.of());
            int index = CatalogGenerator.indexOf(productId);
            long matched = 0;
            for (long sequence : sequences) {
                if (sequence > before) {
                    break;
                }
                if (shown != null && sameDisplay(truth.product(index, sequence), shown)) {
                    matched = sequence;
                }
            }
            for (long sequence : sequences) {
                if (sequence > matched && sequence <= before) {
                    return sequence;
                }
            }
            return 0;
        }

        ProductUpdates.Freshness freshness() {
            long reads = judged.sum();
            long stale = staleReads.sum();
            return new ProductUpdates.Freshness(reads, stale, reads == 0 ? 0 : round((double) stale / reads),
                    wrongReads.sum(), ms(maxStaleAfterCommit.get()), staleProducts.size());
        }
    }

    private static boolean sameDisplay(Product product, SimilarItem item) {
        return product.name().equals(item.name()) && product.priceCents() == item.priceCents()
                && Double.compare(product.rating(), item.rating()) == 0 && product.imageUrl().equals(item.imageUrl());
    }

    private static RunResults.PhaseLatency phase(Map<String, SliceResult> phases, String name) {
        SliceResult slice = phases.get(name);
        if (slice == null) {
            return null;
        }
        return new RunResults.PhaseLatency(name, slice.ops(), slice.errors(),
                ms(slice.histogram().getValueAtPercentile(50)), ms(slice.histogram().getValueAtPercentile(99)),
                ms(slice.histogram().getMaxValue()));
    }

    private static List<RunResults.TimelinePoint> timeline(OpenLoopDriver.LoadResult result) {
        return result.timeline().stream()
                .map(point -> new RunResults.TimelinePoint(round(point.startSeconds()), round(point.endSeconds()),
                        point.phase(), point.count(), point.p50Ms(), point.p99Ms(), point.maxMs()))
                .toList();
    }

    /** The histogram of the stream's second {@code offsetNanos} falls in, by intended start; seconds never skip. */
    private static Histogram perSecond(List<Histogram> seconds, long offsetNanos) {
        int second = (int) Math.max(0, offsetNanos / 1_000_000_000L);
        while (seconds.size() <= second) {
            Histogram histogram = new Histogram(3);
            histogram.setStartTimeStamp(seconds.size() * 1000L);
            histogram.setEndTimeStamp(seconds.size() * 1000L + 1000L);
            seconds.add(histogram);
        }
        return seconds.get(second);
    }

    private static long total(Histogram histogram) {
        long sum = 0;
        for (org.HdrHistogram.HistogramIterationValue value : histogram.recordedValues()) {
            sum += value.getValueIteratedTo() * value.getCountAtValueIteratedTo();
        }
        return sum;
    }

    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (due - System.nanoTime() < 1_000_000) {
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                return;
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
