package dev.schemabench.design;

import dev.schemabench.design.postgres.NormalizedDesign;

/** The design contract for {@link NormalizedDesign}. */
class NormalizedDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return new NormalizedDesign(context.postgres(),
                SchemaFiles.load(context.schemasRoot(), NormalizedDesign.NAME), context.poolSize());
    }
}
