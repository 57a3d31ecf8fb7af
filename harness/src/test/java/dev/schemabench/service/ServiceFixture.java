package dev.schemabench.service;

import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.stream.Stream;

/** Shared pieces of the service's integration tests: a small catalog and designs over one embedded PostgreSQL. */
final class ServiceFixture {

    static final CatalogSpec CATALOG = new CatalogSpec(300, 10, 7, CatalogSpec.DEFAULT_CHURN_SHARE);
    static final String TOKEN = "test-admin-token-123";

    private ServiceFixture() {
    }

    static EmbeddedPostgres startPostgres() {
        return EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
    }

    /** A fresh design (its schema dropped and recreated) with batch 1 of {@link #CATALOG} active. */
    static StorageDesign designWithFirstBatch(EmbeddedPostgres postgres, String name) {
        return withFirstBatch(DesignRegistry.find(name).orElseThrow().factory()
                .create(new DesignContext(Home.schemas(), postgres::server, 4)));
    }

    /** {@code design} with its namespace dropped and recreated and batch 1 of {@link #CATALOG} active. */
    static StorageDesign withFirstBatch(StorageDesign design) {
        design.dropSchema();
        design.ensureSchema();
        design.stage(new CatalogGenerator(CATALOG).batch(1));
        design.activate(CatalogGenerator.defaultBatchId(1));
        return design;
    }

    static ServiceConfig config() {
        return ServiceConfig.defaults(CATALOG).withAdminToken(TOKEN);
    }

    /** Batch {@code batchNumber} of {@link #CATALOG} as a JSON Lines upload body. */
    static String jsonLines(int batchNumber) {
        StringBuilder body = new StringBuilder();
        CatalogGenerator generator = new CatalogGenerator(CATALOG);
        try (Stream<SimilarityList> lists = generator.batch(batchNumber).lists()) {
            Iterator<SimilarityList> iterator = lists.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                body.append(line(list.productId(), itemsJson(list))).append('\n');
            }
        }
        return body.toString();
    }

    static String line(String productId, String itemsJson) {
        return "{\"product_id\": \"" + productId + "\", \"items\": " + itemsJson + "}";
    }

    static String itemsJson(SimilarityList list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarityJson.writeItems(list.items(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static SimilarItem expectedItem(String productId, int batchNumber, int rank) {
        return new CatalogGenerator(CATALOG).list(CatalogGenerator.indexOf(productId), batchNumber).items()
                .get(rank - 1);
    }
}
