package dev.schemabench.stats;

/**
 * How the block bootstrap resamples and when a percentile is measurable. Immutable.
 *
 * @param resamples      bootstrap resamples (at least 100; 2000 by default)
 * @param confidence     level of the reported intervals, for example 0.95
 * @param seed           seed of the resampling, so that the same blocks always give the same interval
 * @param blockLength    consecutive time blocks resampled together; 0 chooses the cube root of the block count,
 *                       rounded up
 * @param minReadsBeyond reads that must rank above a percentile for it to be reported as a number (10 by default)
 */
public record BootstrapSettings(int resamples, double confidence, long seed, int blockLength, long minReadsBeyond) {

    /** 2000 resamples, 95 %, seed 17, automatic block length, 10 reads beyond a percentile. */
    public static final BootstrapSettings DEFAULT = new BootstrapSettings(2000, 0.95, 17L, 0, 10);

    public BootstrapSettings {
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100, not " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1, not " + confidence);
        }
        if (blockLength < 0 || minReadsBeyond < 0) {
            throw new IllegalArgumentException("block length and reads beyond cannot be negative");
        }
    }

    /** The same settings with another seed. */
    public BootstrapSettings withSeed(long otherSeed) {
        return new BootstrapSettings(resamples, confidence, otherSeed, blockLength, minReadsBeyond);
    }

    /** The same settings with another number of resamples. */
    public BootstrapSettings withResamples(int otherResamples) {
        return new BootstrapSettings(otherResamples, confidence, seed, blockLength, minReadsBeyond);
    }

    /** The block length used for {@code blocks} time blocks. */
    int blockLengthFor(int blocks) {
        if (blockLength > 0) {
            return Math.min(blockLength, Math.max(1, blocks));
        }
        return Math.max(1, (int) Math.ceil(Math.cbrt(blocks)));
    }
}
