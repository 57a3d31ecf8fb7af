package dev.schemabench.measure;

import dev.schemabench.design.SimilarResult;
import java.io.Closeable;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Issues reads at a fixed arrival rate (open model): read {@code i} of a slice is due at {@code start + i / rate},
 * whatever happened to earlier reads, and its latency counts from that due time. Worker threads take the next due
 * read from a shared counter, so one slow read delays only what is really queued behind it. Interval histograms
 * are taken every second and, when a log writer is given, written as an HdrHistogram log for later analysis.
 * One driver runs one slice at a time.
 */
public final class OpenLoopDriver implements Closeable {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int ABORT_MIN_ERRORS = 3;
    private static final double ABORT_ERROR_RATIO = 0.01;

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
     * Runs one slice: {@code keys[from .. from + count)} read at {@code ratePerSecond}.
     *
     * @param log   where to append this slice's one-second interval histograms, or null
     * @param tag   the tag written with each interval (the design name)
     */
    public SliceResult run(MeasuredDesign design, String[] keys, int from, int count, double ratePerSecond, int limit,
                           HistogramLogWriter log, String tag) {
        Histogram total = new Histogram(3);
        design.intervalHistogram(null);
        long periodNanos = Math.round(1e9 / ratePerSecond);
        long start = System.nanoTime() + LEAD_NANOS;
        AtomicInteger next = new AtomicInteger();
        AtomicLong ops = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(start);
        AtomicBoolean abort = new AtomicBoolean();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            workers.execute(() -> {
                try {
                    int i;
                    while (!abort.get() && (i = next.getAndIncrement()) < count) {
                        long due = start + i * periodNanos;
                        waitUntil(due);
                        IntendedStart.set(due);
                        String error;
                        try {
                            SimilarResult result = design.similar(keys[from + i], limit);
                            error = result instanceof SimilarResult.Found ? null
                                    : "no list for " + keys[from + i] + ": " + result;
                        } catch (RuntimeException e) {
                            error = e.getMessage() == null ? e.toString() : e.getMessage();
                        }
                        if (error == null) {
                            ops.incrementAndGet();
                        } else {
                            firstError.compareAndSet(null, error);
                            long failed = failures.incrementAndGet();
                            if (failed >= ABORT_MIN_ERRORS && failed > ABORT_ERROR_RATIO * (ops.get() + failed)) {
                                abort.set(true);
                            }
                        }
                        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        Histogram interval = null;
        long intervalStart = System.currentTimeMillis();
        try {
            while (!done.await(INTERVAL_NANOS, TimeUnit.NANOSECONDS)) {
                interval = drain(design, interval, total, log, tag, intervalStart);
                intervalStart = System.currentTimeMillis();
            }
        } catch (InterruptedException e) {
            abort.set(true);
            Thread.currentThread().interrupt();
        }
        drain(design, interval, total, log, tag, intervalStart);
        return new SliceResult(total, ops.get(), failures.get(),
                Math.max(1, lastEnd.get() - start), firstError.get(), abort.get());
    }

    private static Histogram drain(MeasuredDesign design, Histogram recycle, Histogram total, HistogramLogWriter log,
                                   String tag, long intervalStartMillis) {
        Histogram interval = design.intervalHistogram(recycle);
        total.add(interval);
        if (log != null && interval.getTotalCount() > 0) {
            interval.setStartTimeStamp(intervalStartMillis);
            interval.setEndTimeStamp(System.currentTimeMillis());
            interval.setTag(tag);
            synchronized (log) {
                log.outputIntervalHistogram(interval);
            }
        }
        return interval;
    }

    private static void waitUntil(long due) {
        long remaining;
        while ((remaining = due - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (due - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    /** Writes a log header for a new HdrHistogram log. */
    public static HistogramLogWriter newLog(PrintStream out, String comment) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        writer.outputStartTime(System.currentTimeMillis());
        writer.setBaseTime(System.currentTimeMillis());
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
