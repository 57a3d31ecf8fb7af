package dev.schemabench.cli;

import dev.schemabench.design.ForwardingDesign;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Test-only: a design whose every read takes {@code 1 + extra} times as long as the wrapped design's, by parking the
 * reader for {@code extra} times the read's own duration after it returns. Everything else is the wrapped design's.
 * Used to prove that the gate fails a run whose reads got slower.
 */
final class SlowedReads extends ForwardingDesign {

    private final double extra;

    SlowedReads(StorageDesign design, double extra) {
        super(design);
        this.extra = extra;
    }

    private <T> T slowed(Supplier<T> read) {
        long start = System.nanoTime();
        T result = read.get();
        LockSupport.parkNanos((long) ((System.nanoTime() - start) * extra));
        return result;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return slowed(() -> design.similar(productId, limit));
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        return slowed(() -> design.similarJson(productId, limit));
    }
}
