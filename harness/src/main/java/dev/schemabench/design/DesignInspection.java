package dev.schemabench.design;

import java.util.Optional;

/**
 * What the suite inspects and maintains on a design, never on a read path: its size on disk, the read's plan, the
 * server's settings, vacuuming, and rebuilding or dropping its secondary indexes to price them.
 *
 * <p>Threading: callable from any thread, not concurrently with the design's lifecycle changes.
 */
public interface DesignInspection {

    /** Bytes on disk per table (or collection): heap, TOAST and each index, as they are now. */
    Footprint footprint();

    /**
     * Reclaims space left by deleted and updated rows and refreshes the planner's statistics: {@code VACUUM ANALYZE}
     * on PostgreSQL, {@code compact} where MongoDB allows it.
     */
    void vacuumAnalyze();

    /**
     * Rebuilds one index (one of {@link Footprint#indexes()}) from the stored data.
     *
     * @return false when the database cannot rebuild that index by itself (MongoDB's {@code _id} index)
     */
    boolean rebuildIndex(String indexName);

    /** Drops the secondary indexes (those of {@code indexes.sql}); readers may slow down until they are back. */
    void dropSecondaryIndexes();

    /** Creates the secondary indexes that are missing. */
    void createSecondaryIndexes();

    /** The database's executed plan of the read for {@code productId}, as JSON with buffer counts. */
    ReadPlan readPlan(String productId, int limit);

    /** The server's version and the settings that shape its performance. */
    ServerInfo serverInfo();

    /**
     * Why figures measured on this design must not be published, or empty when they may. A design connected to
     * something that only imitates its database (for example an in-process MongoDB wire-protocol server) still
     * answers reads, so its answers can be checked, but its latency and sizes describe the imitation.
     */
    default Optional<String> measurementRefusal() {
        return Optional.empty();
    }
}
