package dev.schemabench.scenarios.gatling;

import dev.schemabench.catalog.ZipfianKeys;
import java.util.Iterator;
import java.util.Map;

/**
 * A Gatling feeder over the suite's Zipfian key sequence: an endless iterator of {@code {productId: ...}} records.
 * Synchronized, because Gatling may pull from several threads.
 */
final class ZipfianFeeder implements Iterator<Map<String, Object>> {

    private final ZipfianKeys sequence;

    ZipfianFeeder(int products, long seed) {
        this.sequence = new ZipfianKeys(products, ZipfianKeys.DEFAULT_CONSTANT, seed);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public synchronized Map<String, Object> next() {
        return Map.of("productId", sequence.nextProductId());
    }
}
