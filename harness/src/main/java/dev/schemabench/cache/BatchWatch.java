package dev.schemabench.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the cache believes the active batch is, without asking the database on any read. It learns at once when its
 * own process activates or rolls back ({@link #learned}), and otherwise by asking the database every
 * {@code interval} on a background thread: the window in which another process's activation goes unseen is at most
 * one interval plus the check itself. A failed check keeps the last belief, and a check that was under way when the
 * process learned of a change is dropped (it may have read the database before the change). Thread-safe.
 */
public final class BatchWatch implements AutoCloseable {

    /** The default interval between checks of the active batch. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> activeBatch;
    private final ScheduledExecutorService checks;
    private volatile String active;
    /** Bumped by {@link #learned}: a check that began before it saw the database before the change and is dropped. */
    private volatile long learnedCount;

    /**
     * @param activeBatch asks the database for its active batch (a cheap query)
     * @param interval    time between checks
     */
    public BatchWatch(Supplier<Optional<String>> activeBatch, Duration interval) {
        this.activeBatch = activeBatch;
        this.active = activeBatch.get().orElse(null);
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schemabench-cache-batch-watch");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = Math.max(1, interval.toNanos());
        checks.scheduleWithFixedDelay(this::check, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        long before = learnedCount;
        String observed;
        try {
            observed = activeBatch.get().orElse(null);
        } catch (RuntimeException e) {
            return; // the database is unreachable: keep the last belief; reads will fail or succeed on their own
        }
        synchronized (this) {
            if (learnedCount == before) {
                active = observed;
            }
        }
    }

    /** The batch believed active, or null when none is known. */
    public String active() {
        return active;
    }

    /** Records that this process just made {@code batchId} active (or none, with null). */
    public synchronized void learned(String batchId) {
        learnedCount++;
        active = batchId;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
