package dev.schemabench.design;

/**
 * The read role of a design: what the service answers and what the storage level times. Measurement decorates this
 * role only ({@code measure.MeasuredDesign}); designs never time themselves.
 *
 * <p>Outcomes are values: an unknown product and "no batch is active" are answers, not exceptions. An exception means
 * the database failed or refused, and carries a message fit for a user.
 *
 * <p>Threading: thread-safe; called concurrently from many reader threads.
 */
public interface DesignReads {

    /** The ranked list of {@code productId} from the active batch, at most {@code limit} items. */
    SimilarResult similar(String productId, int limit);

    /**
     * The same read as {@link #similar}, with the items as JSON text ready to send. A design that stores the list as
     * JSON overrides this to pass the stored text through; the default serializes {@link #similar}'s items. Same
     * threading as {@link #similar}.
     */
    default SimilarJson similarJson(String productId, int limit) {
        return SimilarJson.of(similar(productId, limit));
    }
}
