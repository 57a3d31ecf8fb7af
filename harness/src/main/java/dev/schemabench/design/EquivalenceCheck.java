package dev.schemabench.design;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.ZipfianKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Before anything is timed, every design must give the generated truth for a sample of products: the hottest ones
 * (by the key sequence's popularity ranks), a uniform sample of cold ones, and an unknown id. Comparing with the
 * truth rather than with another design says which design is wrong.
 */
public final class EquivalenceCheck {

    /** An id no generated catalog contains. */
    public static final String UNKNOWN_PRODUCT = "SKU-UNKNOWN";

    private final CatalogGenerator generator;
    private final List<Integer> sample;

    /** @param sampleSize products to check, half hot and half cold */
    public EquivalenceCheck(CatalogGenerator generator, int sampleSize) {
        this.generator = generator;
        int products = generator.spec().products();
        ZipfianKeys keys = new ZipfianKeys(generator.spec());
        LinkedHashSet<Integer> indexes = new LinkedHashSet<>();
        int hot = Math.min(products, Math.max(1, sampleSize / 2));
        for (int rank = 0; rank < hot; rank++) {
            indexes.add(keys.productAtRank(rank));
        }
        SplittableRandom random = new SplittableRandom(generator.spec().seed() ^ 0x45515549L);
        for (int attempts = 0; indexes.size() < Math.min(products, sampleSize) && attempts < sampleSize * 10;
                attempts++) {
            indexes.add(random.nextInt(products));
        }
        this.sample = List.copyOf(new ArrayList<>(indexes));
    }

    /** Reads compared by {@link #check}. */
    public int reads() {
        return sample.size() * 2 + 1;
    }

    /**
     * Compares {@code design}'s answers with batch {@code batchNumber} (stored as {@code batchId}).
     *
     * @return the first difference, or empty when every answer matched
     */
    public Optional<String> check(StorageDesign design, int batchNumber, String batchId, int limit) {
        for (int index : sample) {
            SimilarityList truth = generator.list(index, batchNumber);
            for (int asked : new int[] {truth.items().size(), limit}) {
                List<SimilarItem> expectedItems = truth.items().subList(0, Math.min(asked, truth.items().size()));
                SimilarResult expected = new SimilarResult.Found(truth.productId(), batchId, expectedItems);
                SimilarResult actual = design.similar(truth.productId(), asked);
                Optional<String> difference = difference(expected, actual);
                if (difference.isPresent()) {
                    return Optional.of(truth.productId() + " (limit " + asked + "): " + difference.get());
                }
            }
        }
        SimilarResult unknown = design.similar(UNKNOWN_PRODUCT, limit);
        if (!(unknown instanceof SimilarResult.NotFound)) {
            return Optional.of(UNKNOWN_PRODUCT + ": expected not found, got " + unknown);
        }
        return Optional.empty();
    }

    static Optional<String> difference(SimilarResult expected, SimilarResult actual) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        if (!(actual instanceof SimilarResult.Found found) || !(expected instanceof SimilarResult.Found truth)) {
            return Optional.of("expected " + expected + ", got " + actual);
        }
        if (!truth.batchId().equals(found.batchId())) {
            return Optional.of("batch " + found.batchId() + " instead of " + truth.batchId());
        }
        if (truth.items().size() != found.items().size()) {
            return Optional.of(found.items().size() + " items instead of " + truth.items().size());
        }
        for (int i = 0; i < truth.items().size(); i++) {
            if (!truth.items().get(i).equals(found.items().get(i))) {
                return Optional.of("item " + (i + 1) + " is " + found.items().get(i) + ", expected "
                        + truth.items().get(i));
            }
        }
        return Optional.of("expected " + expected + ", got " + actual);
    }
}
