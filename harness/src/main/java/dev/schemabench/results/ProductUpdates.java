package dev.schemabench.results;

import java.util.List;

/**
 * One design's product-update stage in results.json ({@code product_updates}): display fields of products changing
 * between weekly batches at a fixed rate while reads go on, under each strategy the design was run with. See
 * {@code docs/updates.md}.
 *
 * @param ratePerS    updates per second (open model: update {@code k} is due at {@code (k - 1) / rate})
 * @param skew        which products change: {@code reads} (like reads) or {@code uniform}
 * @param streamS     how long the update stream ran per strategy, seconds
 * @param strategies  one entry per strategy, in run order
 */
public record ProductUpdates(double ratePerS, String skew, double streamS, List<Strategy> strategies) {

    /** The strategy named {@code name}, or null when it was not run. */
    public Strategy strategy(String name) {
        for (Strategy strategy : strategies == null ? List.<Strategy>of() : strategies) {
            if (strategy.strategy().equals(name)) {
                return strategy;
            }
        }
        return null;
    }

    /**
     * One strategy's figures. {@code apply}: the design writes each update as it comes; {@code defer}: stored lists
     * are left as they are until the next weekly batch, and readers see the old values.
     *
     * @param strategy         {@code apply} or {@code defer}
     * @param note             why the figures are absent (for example nothing to defer), or null
     * @param updates          updates issued during the stream (including those aimed at unknown products)
     * @param unknownProducts  updates aimed at a product the catalog does not have: counted, rewriting nothing
     * @param errors           updates the design failed to apply (each left every list fully old)
     * @param latency          update latency from each update's intended start, or null under {@code defer}
     * @param fanOut           rows or documents rewritten per applied update, or null under {@code defer}
     * @param walBytesPerUpdate WAL written per update while the stream ran, or null where the engine has no WAL
     *                         figure or nothing was written
     * @param readsWithout     reads before the stream started (the same rate, same keys)
     * @param readsDuring      reads while the stream ran
     * @param freshness        what the answers readers received said about the updates
     * @param afterStream      every list checked against the truth once the stream ended
     * @param timeline         read latency second by second through the stream
     */
    public record Strategy(String strategy, String note, long updates, long unknownProducts, long errors,
                           UpdateLatency latency, FanOut fanOut, Double walBytesPerUpdate,
                           RunResults.PhaseLatency readsWithout, RunResults.PhaseLatency readsDuring,
                           Freshness freshness, AfterStream afterStream, List<RunResults.TimelinePoint> timeline) {
    }

    /**
     * Update latency in milliseconds, from each update's intended start to its commit (so an update queued behind
     * slower ones counts its wait); {@code serviceP50Ms} and {@code serviceP99Ms} time the design's call alone;
     * {@code intervals} are the 95 % confidence intervals of the percentiles and of the update rate, a block bootstrap
     * over the stream's seconds as for reads (docs/statistics.md), null in files written before they were kept.
     */
    public record UpdateLatency(long count, double p50Ms, double p99Ms, double maxMs, double meanMs,
                                Double serviceP50Ms, Double serviceP99Ms, RunResults.LatencyIntervals intervals) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public UpdateLatency {
        }

        /** Without intervals. */
        public UpdateLatency(long count, double p50Ms, double p99Ms, double maxMs, double meanMs,
                             Double serviceP50Ms, Double serviceP99Ms) {
            this(count, p50Ms, p99Ms, maxMs, meanMs, serviceP50Ms, serviceP99Ms, null);
        }
    }

    /**
     * Rows or documents one update rewrote: the lists that recommend the product where display fields are copied,
     * the one product row where they are not.
     *
     * @param mean  mean over applied updates of products in the catalog
     * @param p50   median
     * @param p99   99th percentile
     * @param max   largest
     * @param total sum over the stream
     */
    public record FanOut(double mean, long p50, long p99, long max, long total) {
    }

    /**
     * Freshness judged from the answers readers received ({@code catalog.CatalogTruth}).
     *
     * @param reads                 answers judged while and after the stream ran
     * @param staleReads            answers showing, for some product, values older than an update committed before
     *                              the read started
     * @param staleShare            staleReads / reads
     * @param wrongReads            answers whose membership, ranks or values no update explains
     * @param maxStaleAfterCommitMs the longest time after an update's commit that a reader still received the value
     *                              before it; 0 when no reader ever did
     * @param staleProducts         distinct products readers saw stale
     */
    public record Freshness(long reads, long staleReads, double staleShare, long wrongReads,
                            double maxStaleAfterCommitMs, long staleProducts) {
    }

    /**
     * Every active list compared with the truth after the stream ({@code apply}: all must be current; {@code defer}:
     * stale display fields are counted, membership and ranks must match).
     */
    public record AfterStream(long lists, long current, long stale, long wrong) {
    }
}
