package dev.schemabench.report;

import dev.schemabench.design.ForwardingDesign;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Test-only: a design whose every read waits a fixed delay before it asks the wrapped design. */
final class DelayedReads extends ForwardingDesign {

    private final long delayNanos;

    DelayedReads(StorageDesign design, Duration delay) {
        super(design);
        this.delayNanos = delay.toNanos();
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        LockSupport.parkNanos(delayNanos);
        return design.similar(productId, limit);
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        LockSupport.parkNanos(delayNanos);
        return design.similarJson(productId, limit);
    }
}
