package dev.schemabench.catalog;

/** How an answer's display fields compare with the catalog as updated, as {@link CatalogTruth} judges it. */
public enum Freshness {

    /** As the catalog was at some point while the read ran: what a reader may see. */
    CURRENT,

    /** As the catalog was before the read started, but no longer: an update already committed was not seen. */
    STALE,

    /** Neither: a value the catalog never had, a product it does not have, or membership or ranks off the batch. */
    WRONG;

    /** The worse of this and {@code other}: {@code WRONG} over {@code STALE} over {@code CURRENT}. */
    public Freshness worse(Freshness other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
