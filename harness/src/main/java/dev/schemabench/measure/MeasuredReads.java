package dev.schemabench.measure;

import dev.schemabench.design.SimilarResult;
import org.HdrHistogram.Histogram;

/**
 * Similarity reads that record their own latency, so {@link OpenLoopDriver} can drive them whatever serves them: a
 * design called in process ({@link MeasuredDesign}) or the service over HTTP. Each read's latency counts in
 * nanoseconds from its intended start ({@link IntendedStart}, set by the driver on the reading thread) to the moment
 * the answer is complete; anything done after that (parsing, checking) is outside the timed region.
 *
 * <p>Implementations are thread-safe: the driver calls {@link #similar} from several reader threads at once and
 * {@link #intervalHistogram} from another.
 */
public interface MeasuredReads {

    /**
     * Reads up to {@code limit} items of {@code productId}'s list and records the latency. Expected outcomes (unknown
     * product, no active batch) are values and are recorded like any answer.
     *
     * @throws RuntimeException when the read failed; it is counted as an error and its latency is not recorded
     */
    SimilarResult similar(String productId, int limit);

    /**
     * The latencies recorded since the previous call, in nanoseconds; pass the previous result back to reuse it.
     */
    Histogram intervalHistogram(Histogram recycle);
}
