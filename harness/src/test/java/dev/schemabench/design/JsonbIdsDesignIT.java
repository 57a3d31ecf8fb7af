package dev.schemabench.design;

/** The design contract for {@code jsonb_ids}, a design declared in files only ({@code schemas/jsonb_ids/}). */
class JsonbIdsDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return DesignRegistry.find("jsonb_ids").orElseThrow().factory().create(context);
    }
}
