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
 * @param phaseNoise     between-phase noise the blocks of one phase cannot show, as the standard deviation of the
 *                       natural log of a phase's figure (0.10 is about ±10 %): when two series were measured in
 *                       separate phases (one design after another, or two runs), each resample multiplies each
 *                       series' figure by its own draw of {@code exp(N(0, phaseNoise²))}; 0 for none. Applies to
 *                       ratios of independently measured series, not to paired ones (their phases are shared)
 */
public record BootstrapSettings(int resamples, double confidence, long seed, int blockLength, long minReadsBeyond,
                                double phaseNoise) {

    /** 2000 resamples, 95 %, seed 17, automatic block length, 10 reads beyond a percentile, no phase noise. */
    public static final BootstrapSettings DEFAULT = new BootstrapSettings(2000, 0.95, 17L, 0, 10);

    /** Settings without phase noise. */
    public BootstrapSettings(int resamples, double confidence, long seed, int blockLength, long minReadsBeyond) {
        this(resamples, confidence, seed, blockLength, minReadsBeyond, 0);
    }

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
        if (!(phaseNoise >= 0 && phaseNoise < 5)) {
            throw new IllegalArgumentException("phase noise must lie in [0, 5), not " + phaseNoise);
        }
    }

    /** The same settings with another seed. */
    public BootstrapSettings withSeed(long otherSeed) {
        return new BootstrapSettings(resamples, confidence, otherSeed, blockLength, minReadsBeyond, phaseNoise);
    }

    /** The same settings with another number of resamples. */
    public BootstrapSettings withResamples(int otherResamples) {
        return new BootstrapSettings(otherResamples, confidence, seed, blockLength, minReadsBeyond, phaseNoise);
    }

    /** The same settings with another between-phase noise. */
    public BootstrapSettings withPhaseNoise(double otherPhaseNoise) {
        return new BootstrapSettings(resamples, confidence, seed, blockLength, minReadsBeyond, otherPhaseNoise);
    }

    /** The block length used for {@code blocks} time blocks. */
    int blockLengthFor(int blocks) {
        if (blockLength > 0) {
            return Math.min(blockLength, Math.max(1, blocks));
        }
        return Math.max(1, (int) Math.ceil(Math.cbrt(blocks)));
    }
}
