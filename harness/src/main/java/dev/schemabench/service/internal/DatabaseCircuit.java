package dev.schemabench.service.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the service currently knows its database to be unreachable. Closed (requests go to the database) until a
 * request fails in a way that says the database cannot be reached ({@link Failures#isUnreachable}); then open:
 * requests are answered 503 at once, without waiting for the connection pool's timeout, while one background thread
 * probes the database every {@code probeInterval} and closes the circuit when a probe succeeds. A slow or overloaded
 * database does not open it; only an unreachable one does. Thread-safe.
 */
public final class DatabaseCircuit implements AutoCloseable {

    /** A cheap call that succeeds only when the database answers; it may block up to the pool's timeout. */
    @FunctionalInterface
    public interface Probe {
        void check();
    }

    private final Probe probe;
    private final long probeIntervalNanos;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicLong openedAtNanos = new AtomicLong();
    private final AtomicLong openings = new AtomicLong();
    private final ScheduledExecutorService prober;

    public DatabaseCircuit(Probe probe, Duration probeInterval) {
        this.probe = probe;
        this.probeIntervalNanos = probeInterval.toNanos();
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schemabench-database-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether requests should be refused without trying the database. */
    public boolean isOpen() {
        return open.get();
    }

    /** Milliseconds since the circuit opened, or 0 when it is closed. */
    public long openForMillis() {
        return open.get() ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAtNanos.get()) : 0;
    }

    /** How often the circuit has opened since the start. */
    public long openings() {
        return openings.get();
    }

    /**
     * Looks at a failed database call: opens the circuit (and starts probing) when it says the database is
     * unreachable; otherwise does nothing.
     *
     * @return whether the failure was one of unreachability
     */
    public boolean onFailure(Throwable failure) {
        if (!Failures.isUnreachable(failure)) {
            return false;
        }
        if (open.compareAndSet(false, true)) {
            openedAtNanos.set(System.nanoTime());
            openings.incrementAndGet();
            System.err.println("warning: the database is unreachable; answering 503 at once and probing it every "
                    + TimeUnit.NANOSECONDS.toMillis(probeIntervalNanos) + " ms until it is back");
            scheduleProbe();
        }
        return true;
    }

    private void scheduleProbe() {
        try {
            prober.schedule(this::probeOnce, probeIntervalNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The service is stopping; nothing to probe for.
        }
    }

    private void probeOnce() {
        try {
            probe.check();
        } catch (RuntimeException stillDown) {
            scheduleProbe();
            return;
        }
        long downMillis = openForMillis();
        open.set(false);
        System.err.println("the database answers again after " + downMillis + " ms; serving reads");
    }

    /** Stops probing. */
    @Override
    public void close() {
        prober.shutdownNow();
    }
}
