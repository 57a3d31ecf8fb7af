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
 * one interval plus the check itself. A failed check keeps the last belief. Thread-safe.
 */
public final class BatchWatch implements AutoCloseable {

    /** The default interval between checks of the active batch. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<Optional<String>> activeBatch;
    private final ScheduledExecutorService checks;
    private volatile String active;

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
        try {
            active = activeBatch.get().orElse(null);
        } catch (RuntimeException e) {
            // the database is unreachable: keep the last belief; reads will fail or succeed on their own
        }
    }

    /** The batch believed active, or null when none is known. */
    public String active() {
        return active;
    }

    /** Records that this process just made {@code batchId} active (or none, with null). */
    public void learned(String batchId) {
        active = batchId;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
