package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.ZipfianKeys;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.postgres.JsonbDesign;
import dev.schemabench.design.postgres.NormalizedDesign;
import dev.schemabench.internal.Home;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every design answers every read the same way when fed the same batches: the premise of comparing them. Checked on
 * the hottest products (the Zipfian key sequence the measurements use) and on the coldest, across activation and
 * rollback.
 */
class DesignEquivalenceIT {

    private static final CatalogSpec SPEC = new CatalogSpec(400, 12, 77L, 0.3);
    private static final CatalogGenerator GENERATOR = new CatalogGenerator(SPEC);

    private static EmbeddedPostgres postgres;
    private static List<StorageDesign> designs;

    @BeforeAll
    static void startAndLoad() {
        postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        DesignContext context = new DesignContext(Home.schemas(), postgres::server, 2);
        designs = new ArrayList<>();
        // jsonb_ids and jsonb_gin are declared in files only (schemas/<name>/design.properties).
        for (String name : List.of(JsonbDesign.NAME, NormalizedDesign.NAME, "jsonb_ids", "jsonb_gin")) {
            StorageDesign design = DesignRegistry.find(name).orElseThrow().factory().create(context);
            designs.add(design);
            design.dropSchema();
            design.ensureSchema();
            for (int batch = 1; batch <= 2; batch++) {
                assertInstanceOf(StageOutcome.Staged.class, design.stage(GENERATOR.batch(batch)));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (designs != null) {
            designs.forEach(StorageDesign::close);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void designsAgreeOnHotAndColdProductsAcrossActivationAndRollback() {
        List<String> sample = sample();
        for (String step : List.of("activate week-0001", "activate week-0002", "rollback")) {
            for (StorageDesign design : designs) {
                if (step.equals("rollback")) {
                    assertInstanceOf(RollbackOutcome.RolledBack.class, design.rollback(), design.name());
                } else {
                    assertEquals(ActivationOutcome.ACTIVATED, design.activate(step.substring("activate ".length())),
                            design.name());
                }
            }
            int found = 0;
            for (String productId : sample) {
                for (int limit : new int[] {SPEC.recsPerProduct(), 5, 1, 0}) {
                    SimilarResult reference = designs.get(0).similar(productId, limit);
                    for (StorageDesign other : designs.subList(1, designs.size())) {
                        assertEquals(reference, other.similar(productId, limit), step + ": " + designs.get(0).name()
                                + " and " + other.name() + " disagree on " + productId + " limit " + limit);
                    }
                    found += reference instanceof SimilarResult.Found ? 1 : 0;
                }
            }
            assertTrue(found >= (sample.size() - 2) * 4, step + ": only " + found + " reads found a list");
        }
    }

    /** About 30 distinct hot products from the Zipfian key sequence, 20 of the coldest, and two unknown ids. */
    private static List<String> sample() {
        Set<String> sample = new LinkedHashSet<>();
        ZipfianKeys keys = new ZipfianKeys(SPEC);
        for (int draw = 0; draw < 2_000 && sample.size() < 30; draw++) {
            sample.add(keys.nextProductId());
        }
        for (int rank = SPEC.products() - 1; rank >= SPEC.products() - 20; rank--) {
            sample.add(CatalogGenerator.productId(keys.productAtRank(rank)));
        }
        sample.add(CatalogGenerator.productId(SPEC.products() + 5));
        sample.add("not-a-product");
        return new ArrayList<>(sample);
    }
}
