package dev.schemabench.measure;

import dev.schemabench.design.DesignReads;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Wraps any design and records each read's latency, in nanoseconds, from its intended start ({@link IntendedStart})
 * to its return, into an HdrHistogram {@link Recorder} (wait-free on the read path): the storage level. Failed reads
 * are counted, not recorded. It decorates the read role only: batches, inspection and the schema are the design's
 * own ({@link #unwrap()}), so nothing else can be timed or counted twice. Thread-safe; the wrapped design never times
 * itself.
 */
public final class MeasuredDesign implements DesignReads, MeasuredReads {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final StorageDesign design;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();

    public MeasuredDesign(StorageDesign design) {
        this.design = design;
    }

    /** The design being measured. */
    public StorageDesign unwrap() {
        return design;
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        SimilarResult result;
        try {
            result = design.similar(productId, limit);
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
        recorder.recordValue(Math.max(0, System.nanoTime() - start));
        return result;
    }

    @Override
    public SimilarJson similarJson(String productId, int limit) {
        long start = IntendedStart.take(System.nanoTime());
        SimilarJson result;
        try {
            result = design.similarJson(productId, limit);
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
        recorder.recordValue(Math.max(0, System.nanoTime() - start));
        return result;
    }

    @Override
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** Failed reads so far. */
    public long errors() {
        return errors.sum();
    }

    /** The registered name of the design being measured. */
    public String name() {
        return design.name();
    }
}
