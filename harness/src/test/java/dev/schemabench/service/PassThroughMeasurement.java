package dev.schemabench.service;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.LoadedDesigns;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.service.internal.JsonBodies;
import java.util.Locale;

/**
 * Not a test: a timed loop measuring what the jsonb design's pass-through saves per request, run by hand (see the
 * README section "The similarity service"). Single thread, in process, so the figure is the service's own work and
 * the database round trip, without HTTP. Alternates the two paths in rounds so machine drift hits both.
 */
public final class PassThroughMeasurement {

    private static final int PRODUCTS = 10_000;
    private static final int RECS = 20;
    private static final int ROUNDS = 6;
    private static final int READS_PER_ROUND = 20_000;
    private static final int CPU_OPS_PER_ROUND = 200_000;

    private PassThroughMeasurement() {
    }

    public static void main(String[] args) {
        CatalogSpec spec = new CatalogSpec(PRODUCTS, RECS, 42, CatalogSpec.DEFAULT_CHURN_SHARE);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
             StorageDesign design = LoadedDesigns.load("jsonb", postgres::server, new CatalogGenerator(spec), 2)) {
            for (int limit : new int[] {RECS, 10}) {
                System.out.printf(Locale.ROOT, "limit=%d (stored lists hold %d items)%n", limit, RECS);
                byte[] stored = ((SimilarJson.Found) design.similarJson("SKU-0000042", 100)).items();
                double[] cpu = alternate(
                        () -> body(SimilarJson.of(new dev.schemabench.design.SimilarResult.Found("SKU-0000042", "w",
                                SimilarityJson.readItems(stored, limit)))),
                        () -> body(new SimilarJson.Found("SKU-0000042", "w", SimilarJson.firstItems(stored, limit))),
                        CPU_OPS_PER_ROUND);
                System.out.printf(Locale.ROOT, "  CPU only (parse+serialize vs scan+raw copy): %.2f us vs %.2f us"
                        + " per response%n", cpu[0], cpu[1]);
                int[] key = {0};
                double[] read = alternate(
                        () -> body(SimilarJson.of(design.similar(nextKey(key), limit))),
                        () -> body(design.similarJson(nextKey(key), limit)),
                        READS_PER_ROUND);
                System.out.printf(Locale.ROOT, "  with the database read (similar+serialize vs similarJson):"
                        + " %.1f us vs %.1f us per request%n", read[0], read[1]);
            }
        }
    }

    private static String nextKey(int[] key) {
        key[0] = (key[0] + 7919) % PRODUCTS;
        return CatalogGenerator.productId(key[0]);
    }

    private static int sink;

    private static int body(SimilarJson answer) {
        SimilarJson.Found found = (SimilarJson.Found) answer;
        byte[] body = JsonBodies.similar(found.productId(), found.batchId(), found.items());
        sink += body.length;
        return body.length;
    }

    /** Mean microseconds per operation of each path, over the later rounds (the first is warm-up). */
    private static double[] alternate(Runnable reference, Runnable candidate, int opsPerRound) {
        double[] totals = new double[2];
        for (int round = 0; round < ROUNDS; round++) {
            long[] elapsed = {timed(reference, opsPerRound), timed(candidate, opsPerRound)};
            if (round > 0) {
                totals[0] += elapsed[0];
                totals[1] += elapsed[1];
            }
        }
        double ops = (double) opsPerRound * (ROUNDS - 1);
        return new double[] {totals[0] / ops / 1e3, totals[1] / ops / 1e3};
    }

    private static long timed(Runnable work, int ops) {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            work.run();
        }
        return System.nanoTime() - start;
    }
}
