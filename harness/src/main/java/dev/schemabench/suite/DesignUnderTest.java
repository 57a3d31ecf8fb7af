package dev.schemabench.suite;

import dev.schemabench.db.DatabaseServer;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.measure.MeasuredDesign;

/**
 * One selected design during a run: the design itself, its read role wrapped for the storage-level measurement, and
 * the server it runs on. Immutable; whether the design is still measured is the run's to track.
 *
 * @param name        the name it was selected by
 * @param description one line on what it is
 * @param design      the design (batches, inspection, unmeasured reads)
 * @param measured    the design's reads, timed into the storage-level histograms; use only for those
 * @param server      the database server it runs on
 */
public record DesignUnderTest(String name, String description, StorageDesign design, MeasuredDesign measured,
                              DatabaseServer server) {
}
