package dev.schemabench.scenarios.gatling;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Service-level read latency as the load generator sees it, in nanoseconds from just before a request is sent to
 * just after its response is checked, recorded wait-free into an HdrHistogram {@link Recorder} and written as
 * one-second intervals to an HdrHistogram log (the storage level keeps the same kind of log). Gatling's own figures
 * are whole milliseconds; these keep microseconds. Also counts successes and failures, remembers the wall-clock
 * window the measured reads spanned, and keeps each read's start so that {@link #writeSendLag} can say how far the
 * load generator fell behind its schedule. Thread-safe; Gatling calls it from its event-loop threads.
 */
final class LatencyLog implements AutoCloseable {

    private final Recorder recorder = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong firstStartEpochMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndEpochMs = new AtomicLong(Long.MIN_VALUE);
    private final PrintStream stream;
    private final HistogramLogWriter writer;
    private final ScheduledExecutorService flusher;
    private Histogram interval;
    private long[] starts = new long[4096];
    private int startCount;

    /** Starts a log at {@code file}, described by {@code comment}; intervals are flushed every second. */
    LatencyLog(Path file, String comment) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            stream = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        writer = new HistogramLogWriter(stream);
        writer.outputComment(comment);
        writer.outputLogFormatVersion();
        long now = System.currentTimeMillis();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schemabench-latency-log");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Notes a read's start ({@link System#nanoTime()}) for {@link #writeSendLag}. {@link #record} calls it once the
     * read's latency is taken, so the lock is never inside the timed region.
     */
    synchronized void noteStart(long startNanos) {
        if (startCount == starts.length) {
            starts = java.util.Arrays.copyOf(starts, starts.length * 2);
        }
        starts[startCount++] = startNanos;
    }

    /**
     * Writes to {@code file} how late each read noted by {@link #noteStart} began after its place in an even schedule
     * of {@code ratePerSecond} (Gatling's {@code constantUsersPerSec} spaces users evenly): the k-th start's lag is
     * its offset from {@code k} periods after the schedule's origin, the origin taken as the earliest start the
     * schedule allows, so a late first read does not hide the lag of the rest. One histogram, nanoseconds.
     */
    synchronized void writeSendLag(Path file, double ratePerSecond) {
        Histogram lags = sendLags(ratePerSecond);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter lagWriter = new HistogramLogWriter(out);
            lagWriter.outputComment("SchemaBench service-level send lag (Gatling, GET similar): how late each measured"
                    + " read started after its place in an even schedule of " + ratePerSecond + "/s, nanoseconds");
            lagWriter.outputLogFormatVersion();
            lagWriter.outputLegend();
            lags.setStartTimeStamp(System.currentTimeMillis());
            lags.setEndTimeStamp(lags.getStartTimeStamp());
            lagWriter.outputIntervalHistogram(lags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The lags {@link #writeSendLag} writes, nanoseconds. */
    synchronized Histogram sendLags(double ratePerSecond) {
        long[] sorted = java.util.Arrays.copyOf(starts, startCount);
        java.util.Arrays.sort(sorted);
        double period = 1e9 / ratePerSecond;
        double origin = Double.MAX_VALUE;
        for (int k = 0; k < sorted.length; k++) {
            origin = Math.min(origin, sorted[k] - k * period);
        }
        Histogram lags = new Histogram(3);
        for (int k = 0; k < sorted.length; k++) {
            lags.recordValue(Math.max(0, Math.round(sorted[k] - k * period - origin)));
        }
        return lags;
    }

    /** Records one read that started at {@code startNanos} ({@link System#nanoTime()}) and ends now. */
    void record(long startNanos, long startEpochMs, boolean succeeded) {
        long nanos = Math.max(0, System.nanoTime() - startNanos);
        noteStart(startNanos);
        firstStartEpochMs.accumulateAndGet(startEpochMs, Math::min);
        lastEndEpochMs.accumulateAndGet(System.currentTimeMillis(), Math::max);
        if (succeeded) {
            recorder.recordValue(nanos);
            ok.increment();
        } else {
            failed.increment();
        }
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.sum();
    }

    /** Wall-clock start of the first recorded read, or 0 when none was recorded. */
    long windowStartEpochMs() {
        long value = firstStartEpochMs.get();
        return value == Long.MAX_VALUE ? 0 : value;
    }

    /** Wall-clock end of the last recorded read, or 0 when none was recorded. */
    long windowEndEpochMs() {
        long value = lastEndEpochMs.get();
        return value == Long.MIN_VALUE ? 0 : value;
    }

    private synchronized void flush() {
        interval = recorder.getIntervalHistogram(interval);
        if (interval.getTotalCount() > 0) {
            writer.outputIntervalHistogram(interval);
            stream.flush();
        }
    }

    @Override
    public synchronized void close() {
        flusher.shutdownNow();
        flush();
        stream.close();
    }
}
