package dev.schemabench.design;

/** The design contract for {@code jsonb_gin}, a design declared in files only ({@code schemas/jsonb_gin/}). */
class JsonbGinDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return DesignRegistry.find("jsonb_gin").orElseThrow().factory().create(context);
    }

    /** A declaration names no product-update statements yet (docs/bring-your-own.md), so the role is absent. */
    @Override
    protected boolean playsUpdates() {
        return false;
    }
}
