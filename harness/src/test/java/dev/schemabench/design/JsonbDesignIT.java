package dev.schemabench.design;

import dev.schemabench.design.postgres.JsonbDesign;

/** The design contract for {@link JsonbDesign}. */
class JsonbDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return new JsonbDesign(context.postgres(), SchemaFiles.load(context.schemasRoot(), JsonbDesign.NAME),
                context.poolSize());
    }
}
