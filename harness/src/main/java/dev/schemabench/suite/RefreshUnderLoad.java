package dev.schemabench.suite;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.measure.MeasuredDesign;
import dev.schemabench.measure.OpenLoopDriver;
import dev.schemabench.measure.SliceResult;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.AnswerVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The weekly refresh under load, at the storage level: reads run at a fixed arrival rate while the next weekly batch
 * is staged, activated and then rolled back. Every answer is checked against the generated truth of the batch it
 * names: a complete list, all from that one batch. Answers that fail, come back empty or short, or mix batches are
 * counted; a design is zero-downtime only if all three counts are 0.
 */
final class RefreshUnderLoad {

    static final String BEFORE = "before";
    static final String STAGING = "staging";
    static final String ACTIVATING = "activating";
    static final String AFTER = "after";
    static final String ROLLING_BACK = "rolling_back";
    static final String AFTER_ROLLBACK = "after_rollback";

    private final CatalogGenerator generator;
    private final int limit;
    private final double rate;
    private final Duration settle;

    /**
     * @param settle how long reads run before the refresh, between activation and rollback, and after the rollback
     */
    RefreshUnderLoad(CatalogGenerator generator, int limit, double rate, Duration settle) {
        this.generator = generator;
        this.limit = limit;
        this.rate = rate;
        this.settle = settle;
    }

    /**
     * Runs the refresh from batch {@code fromNumber} (active) to {@code toNumber} and back.
     *
     * @param toBatch     the content staged as batch {@code toNumber} (the generated one, or one that fails in tests)
     * @param walPosition the server's WAL position, or null where the design's database has none
     */
    RunResults.Refresh run(MeasuredDesign design, OpenLoopDriver driver, int fromNumber, int toNumber,
                           Batch toBatch, LongSupplier walPosition) {
        String fromId = CatalogGenerator.defaultBatchId(fromNumber);
        String toId = toBatch.id();
        ZipfianKeys keys = new ZipfianKeys(generator.spec().products(), ZipfianKeys.DEFAULT_CONSTANT,
                generator.spec().seed() + 2);
        String[] keyRing = keys.nextProductIds(65_536);
        OpenLoopDriver.ReadCheck check = (productId, result) -> verdict(productId, result, fromId, fromNumber, toId,
                toNumber);
        List<RunResults.RefreshEvent> events = new ArrayList<>();
        long loadStart = System.nanoTime();
        OpenLoopDriver.Load load = driver.start(design, i -> keyRing[i & (keyRing.length - 1)], Long.MAX_VALUE, rate,
                limit, check, 0.5, null, design.name());
        Long walBytes = null;
        double stageMs;
        double activateMs;
        double rollbackMs;
        try {
            load.phase(BEFORE);
            sleep(settle);

            load.phase(STAGING);
            Long walStart = walPosition == null ? null : walPosition.getAsLong();
            long start = System.nanoTime();
            StageOutcome staged = design.unwrap().stage(toBatch);
            stageMs = millis(System.nanoTime() - start);
            events.add(new RunResults.RefreshEvent("stage", seconds(start - loadStart), stageMs));
            if (!(staged instanceof StageOutcome.Staged)) {
                throw new IllegalStateException("stage of " + toId + " returned " + staged);
            }

            load.phase(ACTIVATING);
            start = System.nanoTime();
            ActivationOutcome activated = design.unwrap().activate(toId);
            activateMs = millis(System.nanoTime() - start);
            events.add(new RunResults.RefreshEvent("activate", seconds(start - loadStart), activateMs));
            if (activated != ActivationOutcome.ACTIVATED) {
                throw new IllegalStateException("activation of " + toId + " returned " + activated);
            }
            if (walStart != null) {
                walBytes = walPosition.getAsLong() - walStart;
            }

            load.phase(AFTER);
            sleep(settle);

            load.phase(ROLLING_BACK);
            start = System.nanoTime();
            RollbackOutcome rolledBack = design.unwrap().rollback();
            rollbackMs = millis(System.nanoTime() - start);
            events.add(new RunResults.RefreshEvent("rollback", seconds(start - loadStart), rollbackMs));
            if (!(rolledBack instanceof RollbackOutcome.RolledBack back) || !back.activeBatchId().equals(fromId)) {
                throw new IllegalStateException("rollback returned " + rolledBack + ", expected to return to " + fromId);
            }

            load.phase(AFTER_ROLLBACK);
            sleep(settle);
        } finally {
            load.stop();
        }
        OpenLoopDriver.LoadResult result = load.await();
        Map<String, SliceResult> phases = result.phases();
        Histogram during = new Histogram(3);
        long duringOps = 0;
        for (String phase : List.of(STAGING, ACTIVATING, ROLLING_BACK)) {
            SliceResult slice = phases.get(phase);
            if (slice != null) {
                during.add(slice.histogram());
                duringOps += slice.ops() + slice.errors();
            }
        }
        Map<AnswerVerdict, Long> verdicts = result.verdicts();
        long errors = verdicts.get(AnswerVerdict.ERROR);
        long empty = verdicts.get(AnswerVerdict.EMPTY);
        long mixed = verdicts.get(AnswerVerdict.MIXED);
        RunResults.RefreshReads reads = new RunResults.RefreshReads(
                result.total().ops() + result.total().errors(), duringOps, ms(during.getValueAtPercentile(99)),
                errors, empty, mixed);
        List<RunResults.PhaseLatency> phaseLatencies = new ArrayList<>();
        phases.forEach((name, slice) -> phaseLatencies.add(new RunResults.PhaseLatency(name, slice.ops(),
                slice.errors(), ms(slice.histogram().getValueAtPercentile(50)),
                ms(slice.histogram().getValueAtPercentile(99)), ms(slice.histogram().getMaxValue()))));
        List<RunResults.TimelinePoint> timeline = result.timeline().stream()
                .map(point -> new RunResults.TimelinePoint(round(point.startSeconds()), round(point.endSeconds()),
                        point.phase(), point.count(), point.p50Ms(), point.p99Ms(), point.maxMs()))
                .toList();
        return new RunResults.Refresh(toId, stageMs, activateMs, rollbackMs, walBytes, rate, reads,
                errors == 0 && empty == 0 && mixed == 0, phaseLatencies, events, timeline);
    }

    AnswerVerdict verdict(String productId, SimilarResult result, String fromId, int fromNumber, String toId,
                            int toNumber) {
        if (!(result instanceof SimilarResult.Found found)) {
            return AnswerVerdict.EMPTY;
        }
        int number;
        if (found.batchId().equals(fromId)) {
            number = fromNumber;
        } else if (found.batchId().equals(toId)) {
            number = toNumber;
        } else {
            return AnswerVerdict.MIXED;
        }
        int index = CatalogGenerator.indexOf(productId);
        List<SimilarItem> truth = generator.list(index, number).items();
        List<SimilarItem> expected = truth.subList(0, Math.min(limit, truth.size()));
        if (found.items().size() < expected.size()) {
            return AnswerVerdict.EMPTY;
        }
        return found.items().equals(expected) ? AnswerVerdict.OK : AnswerVerdict.MIXED;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6);
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double seconds(long nanos) {
        return round(nanos / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
