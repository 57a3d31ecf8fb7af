package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.ProductUpdate;
import dev.schemabench.catalog.ProductUpdateStream;
import dev.schemabench.catalog.UpdateStreamSpec;
import dev.schemabench.design.postgres.JsonbDesign;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The design contract for {@link JsonbDesign}, and its fan-out update's atomicity. */
class JsonbDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return new JsonbDesign(context.postgres(), SchemaFiles.load(context.schemasRoot(), JsonbDesign.NAME),
                context.poolSize());
    }

    @Test
    void anUpdateThatFailsMidwayLeavesEveryListFullyOld() throws SQLException {
        stageAndActivate(1);
        DesignUpdates updates = design.role(DesignUpdates.class).orElseThrow();
        ProductUpdateStream stream = new ProductUpdateStream(GENERATOR, new UpdateStreamSpec(100));
        ProductUpdate update = stream.next();
        while (listsRecommending(CatalogGenerator.indexOf(update.productId()), 1).size() < 3) {
            update = stream.next();
        }
        Product changed = update.product();
        List<String> lists = listsRecommending(CatalogGenerator.indexOf(changed.productId()), 1);
        String failing = lists.get(lists.size() / 2);
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION " + design.namespace() + ".fail_one_list() RETURNS trigger"
                    + " LANGUAGE plpgsql AS $$ BEGIN IF NEW.product_id = '" + failing + "' THEN"
                    + " RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
            statement.execute("CREATE TRIGGER fail_one_list BEFORE UPDATE ON " + design.namespace()
                    + ".product_similarities FOR EACH ROW EXECUTE FUNCTION " + design.namespace()
                    + ".fail_one_list()");
        }
        DesignException failure = assertThrows(DesignException.class, () -> updates.applyUpdate(changed));
        assertTrue(failure.getMessage().contains("injected failure"), failure.getMessage());
        for (String owner : lists) {
            int index = CatalogGenerator.indexOf(owner);
            assertFound(1, index, design.similar(owner, SPEC.recsPerProduct()));
        }
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER fail_one_list ON " + design.namespace() + ".product_similarities");
        }
        assertEquals(lists.size(), updates.applyUpdate(changed));
    }
}
