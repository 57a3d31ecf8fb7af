package dev.schemabench.design;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import java.util.function.Supplier;

/**
 * A design on a fresh schema with a generated batch staged and active: where most integration tests and hand-run
 * measurements start.
 */
public final class LoadedDesigns {

    private LoadedDesigns() {
    }

    /**
     * The design {@code name} over {@code postgres} with the project's schemas: its schema dropped and created again,
     * batch 1 of {@code generator} staged and activated. The caller closes it.
     */
    public static StorageDesign load(String name, Supplier<PostgresServer> postgres, CatalogGenerator generator,
                                     int poolSize) {
        StorageDesign design = DesignRegistry.find(name).orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres, poolSize));
        try {
            design.dropSchema();
            design.ensureSchema();
            design.stage(generator.batch(1));
            design.activate(CatalogGenerator.defaultBatchId(1));
            return design;
        } catch (RuntimeException e) {
            design.close();
            throw e;
        }
    }
}
