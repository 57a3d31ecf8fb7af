package dev.schemabench.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache's belief about the active batch: what its own process did wins over an older check. */
class BatchWatchTest {

    @Test
    void aCheckUnderWayWhenTheProcessLearnsOfAChangeDoesNotUndoIt() throws InterruptedException {
        AtomicReference<String> database = new AtomicReference<>("week-0001");
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Boolean> first = new AtomicReference<>(true);
        try (BatchWatch watch = new BatchWatch(() -> {
            if (first.getAndSet(false)) {
                return Optional.of(database.get());
            }
            String seen = database.get();
            checking.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(seen);
        }, Duration.ofMillis(20))) {
            assertEquals("week-0001", watch.active());
            assertTrue(checking.await(10, TimeUnit.SECONDS), "a check started");
            database.set("week-0002");
            watch.learned("week-0002");
            release.countDown();
            Thread.sleep(100);
            assertEquals("week-0002", watch.active(), "the stale check's week-0001 was dropped");
        }
    }
}
