package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.internal.Home;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A copy of a design ({@code jsonb#2}, what {@code --designs jsonb,jsonb} runs) is independent of the design on the
 * same server: its own name, schema and data, and dropping one leaves the other.
 */
class DesignCopyIT {

    private static final CatalogSpec SPEC = new CatalogSpec(100, 5, 7L, 0.3);

    @Test
    void aCopyHasItsOwnSchemaAndDataOnTheSameServer() {
        CatalogGenerator generator = new CatalogGenerator(SPEC);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS)) {
            DesignContext context = new DesignContext(Home.schemas(), postgres::server, 2);
            for (String name : List.of("jsonb", "normalized")) {
                try (StorageDesign original = DesignRegistry.find(name).orElseThrow().factory().create(context);
                     StorageDesign copy = DesignRegistry.find(name + "#2").orElseThrow().factory().create(context)) {
                    assertEquals(name, original.name());
                    assertEquals(name + "#2", copy.name());
                    assertNotEquals(original.namespace(), copy.namespace());
                    original.ensureSchema();
                    copy.ensureSchema();
                    copy.stage(generator.batch(1));
                    copy.activate(CatalogGenerator.defaultBatchId(1));
                    assertEquals(Optional.of(CatalogGenerator.defaultBatchId(1)), copy.activeBatch());
                    assertEquals(Optional.empty(), original.activeBatch(), "the copy's batch is not the design's");
                    String product = CatalogGenerator.productId(3);
                    SimilarResult.Found found = (SimilarResult.Found) copy.similar(product, SPEC.recsPerProduct());
                    assertEquals(generator.list(3, 1).items(), found.items());
                    assertTrue(original.similar(product, SPEC.recsPerProduct()) instanceof SimilarResult.NoActiveBatch);
                    copy.dropSchema();
                    assertFalse(copy.namespaceExists());
                    assertTrue(original.namespaceExists(), "dropping the copy left the design's schema");
                    original.dropSchema();
                }
            }
        }
    }
}
