package dev.schemabench.service.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the service currently knows its database to be unreachable. Closed (requests go to the database) until a
 * request fails in a way that says the database cannot be reached ({@link Failures#isUnreachable}); then open:
 * requests are answered 503 at once, without waiting for the connection pool's timeout, while one background thread
 * probes the database every {@code probeInterval} and closes the circuit when a probe succeeds. A slow or overloaded
 * database does not open it; only an unreachable one does.
 *
 * <p>Two things make the first answers after a loss fast as well: an optional watch ({@link #watch}) asks a cheap
 * liveness check every {@code probeInterval} while the circuit is closed and opens it when the server is gone,
 * before any request has to find out; and the database calls in flight when the circuit opens (waiting for a pooled
 * connection that will not come) are interrupted and answered 503 at once instead of at the pool's timeout.
 * Thread-safe.
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
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    /** One database call on one thread; interrupted at most once, and only while it runs. */
    private static final class Call {
        private final Thread thread = Thread.currentThread();
        private boolean running = true;
        private boolean interrupted;

        synchronized void interrupt() {
            if (running && !interrupted) {
                interrupted = true;
                thread.interrupt();
            }
        }

        synchronized boolean finish() {
            running = false;
            if (interrupted) {
                Thread.interrupted();
            }
            return interrupted;
        }
    }

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
     * Runs a database call; when the circuit opens while it runs, the call is interrupted (a wait for a pooled
     * connection ends at once) and {@code whenCut} is thrown instead of what the call threw.
     */
    public <T> T call(Supplier<T> databaseCall, Supplier<? extends RuntimeException> whenCut) {
        if (open.get()) {
            throw whenCut.get();
        }
        Call call = new Call();
        inFlight.add(call);
        boolean failed = false;
        try {
            return databaseCall.get();
        } catch (RuntimeException failure) {
            failed = true;
            if (call.finish()) {
                throw whenCut.get();
            }
            throw failure;
        } finally {
            inFlight.remove(call);
            if (!failed) {
                // An interruption that came after the answer: the answer stands, the flag is cleared.
                call.finish();
            }
        }
    }

    /**
     * Asks {@code reachable} every probe interval while the circuit is closed and opens it when the answer is no, so
     * that a lost server is known before a request has to wait for it. Call once.
     */
    public void watch(BooleanSupplier reachable) {
        prober.scheduleWithFixedDelay(() -> {
            if (!open.get() && !reachable.getAsBoolean()) {
                openCircuit("the database server is gone");
            }
        }, probeIntervalNanos, probeIntervalNanos, TimeUnit.NANOSECONDS);
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
        openCircuit("a call found the database unreachable");
        return true;
    }

    private void openCircuit(String why) {
        if (open.compareAndSet(false, true)) {
            openedAtNanos.set(System.nanoTime());
            openings.incrementAndGet();
            System.err.println("warning: " + why + "; answering 503 at once and probing it every "
                    + TimeUnit.NANOSECONDS.toMillis(probeIntervalNanos) + " ms until it is back");
            inFlight.forEach(Call::interrupt);
            scheduleProbe();
        }
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
