package dev.schemabench.measure;

import org.HdrHistogram.Histogram;

/**
 * What one measurement slice observed.
 *
 * @param histogram   latencies of successful reads, nanoseconds from intended start
 * @param ops         reads that succeeded
 * @param errors      reads that failed
 * @param wallNanos   from the first intended start to the last completion
 * @param firstError  the first failure's message, or null
 * @param aborted     whether the slice stopped early because reads kept failing
 * @param sendLag     how late each read was sent after its intended start, nanoseconds (0 when on time); kept for
 *                    a whole load, null for its phases
 */
public record SliceResult(Histogram histogram, long ops, long errors, long wallNanos, String firstError,
                          boolean aborted, Histogram sendLag) {
}
