package dev.schemabench.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDistributionTest {

    private static final int PRODUCTS = 1_000;
    private static final int DRAWS = 200_000;

    @Test
    void zipfHoldsForExponentsAboveOneAndFollowsThePopularityOrder() {
        for (double exponent : new double[] {0.5, 0.99, 1.5, 2.5}) {
            KeyDistribution zipf = KeyDistribution.parse("zipf:" + exponent);
            assertEquals("zipf:" + exponent, zipf.describe());
            Map<String, Integer> counts = counts(zipf, 7L);
            String hottest = CatalogGenerator.productId(new PopularityOrder(PRODUCTS, 7L).productAtRank(0));
            double expected = 1 / harmonic(PRODUCTS, exponent);
            double observed = counts.getOrDefault(hottest, 0) / (double) DRAWS;
            assertTrue(Math.abs(observed - expected) < 0.1 * expected + 0.002,
                    "zipf:" + exponent + " hottest share " + observed + ", expected " + expected);
        }
        assertEquals(draws(KeyDistribution.parse("zipf:1.2"), 3L), draws(KeyDistribution.parse("zipf:1.2"), 3L),
                "deterministic for a seed");
    }

    @Test
    void uniformAndHotSetShares() {
        Map<String, Integer> uniform = counts(KeyDistribution.parse("uniform"), 5L);
        assertEquals(PRODUCTS, uniform.size());
        assertTrue(uniform.values().stream().mapToInt(Integer::intValue).max().orElseThrow() < 3.0 * DRAWS / PRODUCTS);

        PopularityOrder order = new PopularityOrder(PRODUCTS, 5L);
        Set<String> hot = new HashSet<>();
        for (int rank = 0; rank < 100; rank++) {
            hot.add(CatalogGenerator.productId(order.productAtRank(rank)));
        }
        Map<String, Integer> hotSet = counts(KeyDistribution.parse("hotset:0.1:0.9"), 5L);
        long inHot = hotSet.entrySet().stream().filter(entry -> hot.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(0.9, inHot / (double) DRAWS, 0.01);
    }

    @Test
    void aKeyFileIsReplayedInOrderOrSampled(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("keys.txt"), "# from the access log\np-000003\n\np-000001\np-x\n");
        KeyDistribution.KeySequence replay = KeyDistribution.parse("file:" + file).keys(PRODUCTS, 1L);
        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replayed.add(replay.nextProductId());
        }
        assertEquals(List.of("p-000003", "p-000001", "p-x", "p-000003", "p-000001"), replayed);
        assertEquals("file:" + file.toAbsolutePath() + ":sample",
                KeyDistribution.parse("file:" + file + ":sample").describe());
        assertEquals(Set.of("p-000003", "p-000001", "p-x"),
                counts(KeyDistribution.parse("file:" + file + ":sample"), 1L).keySet());
    }

    @Test
    void badTextIsRefusedWithTheReason(@TempDir Path folder) throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.txt"), "# nothing\n");
        for (String text : new String[] {"zipf:0", "zipf:-1", "zipf:x", "hotset:1.5:0.5", "hotset:0.1", "gauss",
                "file:" + empty, "file:" + folder.resolve("missing.txt")}) {
            IllegalArgumentException fault = assertThrows(IllegalArgumentException.class,
                    () -> KeyDistribution.parse(text), text);
            assertTrue(!fault.getMessage().isBlank(), text);
        }
    }

    private static Map<String, Integer> counts(KeyDistribution distribution, long seed) {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : draws(distribution, seed)) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> draws(KeyDistribution distribution, long seed) {
        KeyDistribution.KeySequence keys = distribution.keys(PRODUCTS, seed);
        List<String> ids = new ArrayList<>(DRAWS);
        for (int i = 0; i < DRAWS; i++) {
            ids.add(keys.nextProductId());
        }
        return ids;
    }

    private static double harmonic(int n, double exponent) {
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -exponent);
        }
        return sum;
    }
}
