package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A batch is a stream: generating and digesting a catalog's lists must not hold them in memory.
 *
 * <p>Runs in its own surefire execution with {@code -Xmx64m} (see {@code harness/pom.xml}). 300,000 lists of ten
 * items materialized would take several hundred megabytes (ten {@link SimilarItem}s with five strings each, about
 * 2 kB per list), so finishing inside 64 MB proves that {@link Batch#lists()} and {@link BatchDigest} hold one list
 * at a time: the generator derives each list from (seed, index, batch) alone, the stream maps indexes lazily, and the
 * digest consumes each list before the next is made. Memory is therefore constant in the product count and only time
 * grows, which is why 300,000 products prove the same as a million (a million takes about 40 s on a shared 2-core
 * machine, over this suite's time budget).
 */
class BatchStreamingMemoryTest {

    private static final int PRODUCTS = 300_000;
    private static final long HEAP_LIMIT_BYTES = 128L * 1024 * 1024;

    @Test
    void digestOfAllListsRunsInASmallHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= HEAP_LIMIT_BYTES,
                "this test proves streaming only in a small heap; run it through Maven (-Xmx64m), max heap is "
                        + Runtime.getRuntime().maxMemory());
        Batch generated = new CatalogGenerator(new CatalogSpec(PRODUCTS, 10, 99L, 0.3)).batch(1);
        AtomicLong lists = new AtomicLong();
        AtomicLong items = new AtomicLong();
        // One pass: the digest reads the lists through a counting view of the same stream.
        Batch counted = peeking(generated, list -> {
            lists.incrementAndGet();
            items.addAndGet(list.items().size());
        });

        String digest = BatchDigest.sha256(counted);

        assertEquals(64, digest.length());
        assertEquals(PRODUCTS, lists.get());
        assertEquals(10L * PRODUCTS, items.get());
    }

    /**
     * A batch carrying product updates streams too: the truth holds the updates (about 12 bytes each plus an entry per
     * product changed), never the lists, so 100,000 updates over 300,000 products still fit the small heap.
     */
    @Test
    void batchCarryingUpdatesRunsInASmallHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= HEAP_LIMIT_BYTES,
                "this test proves streaming only in a small heap; run it through Maven (-Xmx64m), max heap is "
                        + Runtime.getRuntime().maxMemory());
        CatalogGenerator generator = new CatalogGenerator(new CatalogSpec(PRODUCTS, 10, 99L, 0.3));
        CatalogTruth truth = new CatalogTruth(generator, new UpdateStreamSpec(1_000), 100_000);
        AtomicLong changedItems = new AtomicLong();
        Batch updated = peeking(truth.batch(2, 100_000), list -> list.items().forEach(item -> {
            if (truth.lastChange(CatalogGenerator.indexOf(item.productId()), 100_000) > 0) {
                changedItems.incrementAndGet();
            }
        }));

        assertEquals(64, BatchDigest.sha256(updated).length());
        assertTrue(changedItems.get() > PRODUCTS, changedItems + " items of changed products");
    }

    /** {@code batch} whose lists pass through {@code action} as they stream. */
    private static Batch peeking(Batch batch, Consumer<SimilarityList> action) {
        return new Batch() {
            @Override
            public String id() {
                return batch.id();
            }

            @Override
            public int productCount() {
                return batch.productCount();
            }

            @Override
            public Stream<Product> products() {
                return batch.products();
            }

            @Override
            public Stream<SimilarityList> lists() {
                return batch.lists().peek(action);
            }
        };
    }
}
