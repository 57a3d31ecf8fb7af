package dev.schemabench.catalog;

import java.util.Objects;

/**
 * What update stream to generate; with the catalog's seed the same spec always yields the same updates.
 *
 * @param updatesPerSecond the arrival rate of updates (open model), above 0; update {@code k} is due
 *                         {@link #intendedOffsetNanos(long)} after the stream starts
 * @param skew             which products change: like reads ({@link UpdateSkew#READS}, the default) or uniformly
 * @param unknownShare     share of updates, 0 to 1, aimed at a product id the catalog does not have (bad input a
 *                         run must count, not fail on); 0 by default
 */
public record UpdateStreamSpec(double updatesPerSecond, UpdateSkew skew, double unknownShare) {

    /** The default choice of changed products: the read popularity. */
    public static final UpdateSkew DEFAULT_SKEW = UpdateSkew.READS;

    public UpdateStreamSpec {
        if (!(updatesPerSecond > 0) || Double.isInfinite(updatesPerSecond)) {
            throw new IllegalArgumentException("updates per second must be above 0, got " + updatesPerSecond);
        }
        Objects.requireNonNull(skew, "skew");
        if (!(unknownShare >= 0 && unknownShare <= 1)) {
            throw new IllegalArgumentException("unknown-product share must be between 0 and 1, got " + unknownShare);
        }
    }

    /** A stream at {@code updatesPerSecond} with the default skew and no unknown products. */
    public UpdateStreamSpec(double updatesPerSecond) {
        this(updatesPerSecond, DEFAULT_SKEW, 0);
    }

    /** This spec with {@code skew} instead. */
    public UpdateStreamSpec withSkew(UpdateSkew skew) {
        return new UpdateStreamSpec(updatesPerSecond, skew, unknownShare);
    }

    /** This spec with {@code unknownShare} instead. */
    public UpdateStreamSpec withUnknownShare(double unknownShare) {
        return new UpdateStreamSpec(updatesPerSecond, skew, unknownShare);
    }

    /** When update {@code sequence} (1 for the first) is due, in nanoseconds after the stream starts. */
    public long intendedOffsetNanos(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("update sequence numbers start at 1, got " + sequence);
        }
        return Math.round((sequence - 1) * 1e9 / updatesPerSecond);
    }
}
