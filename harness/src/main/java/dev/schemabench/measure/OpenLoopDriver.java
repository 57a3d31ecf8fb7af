package dev.schemabench.measure;

import dev.schemabench.design.SimilarResult;
import dev.schemabench.shared.AnswerVerdict;
import java.io.Closeable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Issues reads at a fixed arrival rate (open model): read {@code i} is due at {@code start + i / rate}, whatever
 * happened to earlier reads, and its latency counts from that due time. It drives any {@link MeasuredReads} (a design
 * in process, the service over HTTP). Worker threads take the next due read from a shared counter, so one slow read
 * delays only what is really queued behind it. Latencies are drained from the reads' recorder every second into a
 * timeline (and, when a log writer is given, an HdrHistogram log) and into the current phase; {@link Load#phase}
 * starts a new phase (for example "during" a batch refresh). One load at a time per driver.
 */
public final class OpenLoopDriver implements Closeable {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int ABORT_MIN_ERRORS = 3;

    /** Judges an answer; called on the reader thread after the latency was recorded. Must be thread-safe. */
    @FunctionalInterface
    public interface ReadCheck {
        AnswerVerdict check(String productId, SimilarResult result);
    }

    /**
     * Any {@link SimilarResult.Found} with items is fine; anything else is {@link AnswerVerdict#EMPTY}. Items still held as
     * bytes ({@link dev.schemabench.catalog.StoredList}) are not parsed for it.
     */
    public static final ReadCheck FOUND = (productId, result) ->
            result instanceof SimilarResult.Found found && !found.items().isEmpty() ? AnswerVerdict.OK : AnswerVerdict.EMPTY;

    /**
     * One second (or the remainder at a phase change) of the load.
     *
     * @param startSeconds seconds since the load started
     * @param endSeconds   seconds since the load started
     * @param phase        the phase the interval belongs to
     * @param count        reads completed
     * @param p50Ms        median latency
     * @param p99Ms        99th percentile
     * @param maxMs        maximum
     */
    public record Interval(double startSeconds, double endSeconds, String phase, long count, double p50Ms,
                           double p99Ms, double maxMs) {
    }

    /**
     * The outcome of a load.
     *
     * @param phases   per phase, in the order they started
     * @param total    all phases together
     * @param verdicts reads per verdict
     * @param timeline interval by interval
     * @param phaseIntervals per phase, its non-empty interval histograms in time order (a phase change closes an
     *                       interval), with their wall-clock time stamps: the blocks its figures' intervals rest on
     */
    public record LoadResult(Map<String, SliceResult> phases, SliceResult total, Map<AnswerVerdict, Long> verdicts,
                             List<Interval> timeline, Map<String, List<Histogram>> phaseIntervals) {
    }

    private final ExecutorService workers;
    private final int threads;

    /** @param threads concurrent readers; reads beyond what they can serve queue and show as latency */
    public OpenLoopDriver(int threads) {
        this.threads = threads;
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "schemabench-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code keys[from .. from + count)} at {@code ratePerSecond} to the end; any read without a list counts as
     * an error, and the slice stops early when reads keep failing.
     *
     * @param log where to append one-second interval histograms, or null
     * @param tag the tag written with each interval (the design name)
     */
    public SliceResult run(MeasuredReads reads, String[] keys, int from, int count, double ratePerSecond, int limit,
                           HistogramLogWriter log, String tag) {
        Load load = start(reads, i -> keys[from + i], count, ratePerSecond, limit, FOUND, 0.01, log, tag);
        return load.await().total();
    }

    /**
     * Starts a load in the background.
     *
     * @param key          the product id of read {@code i}
     * @param count        reads to issue; {@link Long#MAX_VALUE} to run until {@link Load#stop()}
     * @param check        judges each answer
     * @param abortRatio   stop early when at least 3 reads failed and failures exceed this share of reads
     *                     (non-{@code OK} verdicts count as failures); 1 never stops for failures
     */
    public Load start(MeasuredReads reads, IntFunction<String> key, long count, double ratePerSecond, int limit,
                      ReadCheck check, double abortRatio, HistogramLogWriter log, String tag) {
        Load load = new Load(reads, key, count, ratePerSecond, limit, check, abortRatio, log, tag);
        load.begin();
        return load;
    }

    /** A load under way. */
    public final class Load {
        private final MeasuredReads reads;
        private final IntFunction<String> key;
        private final long count;
        private final long periodNanos;
        private final int limit;
        private final ReadCheck check;
        private final double abortRatio;
        private final HistogramLogWriter log;
        private final String tag;
        private final AtomicLong next = new AtomicLong();
        private final LongAdder ok = new LongAdder();
        private final Map<AnswerVerdict, LongAdder> verdicts = new EnumMap<>(AnswerVerdict.class);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final AtomicLong lastEnd = new AtomicLong();
        private final CountDownLatch done = new CountDownLatch(threads);
        private final Map<String, PhaseState> phases = new LinkedHashMap<>();
        private final List<Interval> timeline = Collections.synchronizedList(new ArrayList<>());
        private final Histogram total = new Histogram(3);
        private final ConcurrentHistogram sendLag = new ConcurrentHistogram(3);
        private long start;
        private PhaseState current;
        private Histogram recycle;
        private long intervalStartNanos;
        private long intervalStartMillis;

        private final class PhaseState {
            final Histogram histogram = new Histogram(3);
            final List<Histogram> intervals = new ArrayList<>();
            final long startNanos;
            long okAtStart;
            long failuresAtStart;
            long okAtEnd;
            long failuresAtEnd;
            long endNanos;

            PhaseState(long startNanos) {
                this.startNanos = startNanos;
            }
        }

        private Load(MeasuredReads reads, IntFunction<String> key, long count, double ratePerSecond, int limit,
                     ReadCheck check, double abortRatio, HistogramLogWriter log, String tag) {
            this.reads = reads;
            this.key = key;
            this.count = count;
            this.periodNanos = Math.max(1, Math.round(1e9 / ratePerSecond));
            this.limit = limit;
            this.check = check;
            this.abortRatio = abortRatio;
            this.log = log;
            this.tag = tag;
            for (AnswerVerdict verdict : AnswerVerdict.values()) {
                verdicts.put(verdict, new LongAdder());
            }
        }

        private void begin() {
            reads.intervalHistogram(null);
            start = System.nanoTime() + LEAD_NANOS;
            lastEnd.set(start);
            intervalStartNanos = start;
            intervalStartMillis = System.currentTimeMillis();
            current = new PhaseState(start);
            phases.put("all", current);
            for (int t = 0; t < threads; t++) {
                workers.execute(this::read);
            }
        }

        private void read() {
            try {
                long i;
                while (!stop.get() && !aborted.get() && (i = next.getAndIncrement()) < count) {
                    long due = start + i * periodNanos;
                    long sent = waitUntil(due);
                    IntendedStart.set(due);
                    String productId = key.apply((int) (i % Integer.MAX_VALUE));
                    AnswerVerdict verdict;
                    try {
                        verdict = check.check(productId, reads.similar(productId, limit));
                    } catch (RuntimeException e) {
                        verdict = AnswerVerdict.ERROR;
                        firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                    sendLag.recordValue(sent - due);
                    verdicts.get(verdict).increment();
                    if (verdict == AnswerVerdict.OK) {
                        ok.increment();
                    } else {
                        firstError.compareAndSet(null, verdict + " answer for " + productId);
                        long failures = failures();
                        if (failures >= ABORT_MIN_ERRORS && failures > abortRatio * (ok.sum() + failures)) {
                            aborted.set(true);
                        }
                    }
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            } finally {
                done.countDown();
            }
        }

        private long failures() {
            return verdicts.get(AnswerVerdict.ERROR).sum() + verdicts.get(AnswerVerdict.EMPTY).sum()
                    + verdicts.get(AnswerVerdict.MIXED).sum();
        }

        /**
         * Ends the current phase and starts {@code name}; the first call renames the initial phase. Reads in flight
         * at the change may land in either phase.
         */
        public synchronized void phase(String name) {
            long now = System.nanoTime();
            drain(now);
            closePhase(now);
            PhaseState state = new PhaseState(now);
            state.okAtStart = ok.sum();
            state.failuresAtStart = failures();
            phases.put(name, state);
            current = state;
        }

        /** Asks the readers to stop after the reads they are serving. */
        public void stop() {
            stop.set(true);
        }

        /** Waits for the load to end (count reached, stopped or aborted) and returns what it observed. */
        public LoadResult await() {
            try {
                while (!done.await(untilIntervalEnds(), TimeUnit.NANOSECONDS)) {
                    synchronized (this) {
                        if (System.nanoTime() - intervalStartNanos >= INTERVAL_NANOS) {
                            drain(System.nanoTime());
                        }
                    }
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                long end = System.nanoTime();
                drain(end);
                closePhase(Math.max(lastEnd.get(), start + 1));
                Map<String, SliceResult> results = new LinkedHashMap<>();
                Map<String, List<Histogram>> intervals = new LinkedHashMap<>();
                for (Map.Entry<String, PhaseState> entry : phases.entrySet()) {
                    PhaseState phase = entry.getValue();
                    if (entry.getKey().equals("all") && phases.size() > 1) {
                        continue;
                    }
                    intervals.put(entry.getKey(), List.copyOf(phase.intervals));
                    results.put(entry.getKey(), new SliceResult(phase.histogram, phase.okAtEnd - phase.okAtStart,
                            phase.failuresAtEnd - phase.failuresAtStart, Math.max(1, phase.endNanos - phase.startNanos),
                            firstError.get(), aborted.get(), null));
                }
                Map<AnswerVerdict, Long> counts = new EnumMap<>(AnswerVerdict.class);
                verdicts.forEach((verdict, adder) -> counts.put(verdict, adder.sum()));
                SliceResult all = new SliceResult(total, ok.sum(), failures(),
                        Math.max(1, lastEnd.get() - start), firstError.get(), aborted.get(), sendLag.copy());
                return new LoadResult(results, all, counts, List.copyOf(timeline), intervals);
            }
        }

        /** Nanoseconds until the current interval is a second long (at least 1 ms), so intervals stay one second. */
        private synchronized long untilIntervalEnds() {
            return Math.max(1_000_000L, intervalStartNanos + INTERVAL_NANOS - System.nanoTime());
        }

        private void closePhase(long now) {
            current.okAtEnd = ok.sum();
            current.failuresAtEnd = failures();
            current.endNanos = now;
        }

        private void drain(long now) {
            Histogram interval = reads.intervalHistogram(recycle);
            recycle = interval;
            total.add(interval);
            current.histogram.add(interval);
            String phaseName = phases.entrySet().stream().filter(entry -> entry.getValue() == current)
                    .map(Map.Entry::getKey).findFirst().orElse("all");
            timeline.add(new Interval((intervalStartNanos - start) / 1e9, (now - start) / 1e9, phaseName,
                    interval.getTotalCount(), millis(interval.getValueAtPercentile(50)),
                    millis(interval.getValueAtPercentile(99)), millis(interval.getMaxValue())));
            if (interval.getTotalCount() > 0) {
                Histogram kept = interval.copy();
                kept.setStartTimeStamp(intervalStartMillis);
                kept.setEndTimeStamp(Math.max(intervalStartMillis + 1, System.currentTimeMillis()));
                current.intervals.add(kept);
            }
            if (log != null && interval.getTotalCount() > 0) {
                interval.setStartTimeStamp(intervalStartMillis);
                interval.setEndTimeStamp(System.currentTimeMillis());
                interval.setTag(tag);
                synchronized (log) {
                    log.outputIntervalHistogram(interval);
                }
            }
            intervalStartNanos = now;
            intervalStartMillis = System.currentTimeMillis();
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    /**
     * Waits until {@code due}; returns the clock reading that found it passed, so the send's lag is known without
     * another clock read inside the timed read (it is recorded after the read).
     */
    private static long waitUntil(long due) {
        long now;
        while (due - (now = System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(due - now - SPIN_NANOS);
        }
        while (due - now > 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        return now;
    }

    /** Starts a new HdrHistogram log with a comment, format version, start time and legend. */
    public static HistogramLogWriter newLog(PrintStream out, String comment) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        long now = System.currentTimeMillis();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
        return writer;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
