package dev.schemabench.design;

import java.util.List;

/**
 * Bytes on disk of a design, per relation, after a {@code VACUUM ANALYZE} (or the database's equivalent).
 *
 * @param relations     each table or collection the design owns
 * @param activeProducts number of products in the active batch, the denominator of {@link #bytesPerProduct()}
 */
public record Footprint(List<Relation> relations, long activeProducts) {

    public Footprint {
        relations = List.copyOf(relations);
    }

    /**
     * One table or collection.
     *
     * @param name       relation name
     * @param tableBytes heap bytes (main fork plus free-space and visibility maps), or a collection's storage size
     * @param toastBytes out-of-line storage (TOAST table and its index); 0 where the database has none
     * @param indexes    each index on the relation
     */
    public record Relation(String name, long tableBytes, long toastBytes, List<Index> indexes) {
        public Relation {
            indexes = List.copyOf(indexes);
        }

        public long indexBytes() {
            return indexes.stream().mapToLong(Index::bytes).sum();
        }
    }

    /** One index and its size in bytes. */
    public record Index(String name, String relation, long bytes) {
    }

    public long tableBytes() {
        return relations.stream().mapToLong(Relation::tableBytes).sum();
    }

    public long toastBytes() {
        return relations.stream().mapToLong(Relation::toastBytes).sum();
    }

    public long indexBytes() {
        return relations.stream().mapToLong(Relation::indexBytes).sum();
    }

    public long totalBytes() {
        return tableBytes() + toastBytes() + indexBytes();
    }

    /** Total bytes divided by the active product count; 0 when nothing is active. */
    public double bytesPerProduct() {
        return activeProducts == 0 ? 0 : (double) totalBytes() / activeProducts;
    }

    public List<Index> indexes() {
        return relations.stream().flatMap(relation -> relation.indexes().stream()).toList();
    }
}
