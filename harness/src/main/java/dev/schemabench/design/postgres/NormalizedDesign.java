package dev.schemabench.design.postgres;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.SimilarResult;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Products once, similarity edges per batch, and a one-row active-batch pointer resolved by the read's join.
 * See {@code schemas/normalized/README.md}.
 */
public final class NormalizedDesign extends PostgresDesign implements DesignUpdates {

    public static final String NAME = "normalized";

    public NormalizedDesign(PostgresServer server, SchemaFiles files, int poolSize) {
        this(NAME, server, files, poolSize);
    }

    /** The design under {@code name}: {@link #NAME}, or a copy's name such as {@code normalized#2}. */
    public NormalizedDesign(String name, PostgresServer server, SchemaFiles files, int poolSize) {
        super(name, server, files, poolSize);
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return readItemRows(productId, limit);
    }

    @Override
    protected long copyBatch(BulkTarget target, Batch batch) throws SQLException {
        mergeProducts(target, batch);
        long lists = 0;
        try (CopyWriter copy = target.copy(files.statement("stage_edges_copy"));
             Stream<SimilarityList> stream = batch.lists()) {
            Iterator<SimilarityList> iterator = stream.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                for (SimilarItem item : list.items()) {
                    copy.text(batch.id()).text(list.productId()).number(item.rank()).text(item.productId())
                            .number(item.score()).endRow();
                }
                lists++;
            }
            copy.finish();
        }
        return lists;
    }

    @Override
    protected void switchReaders(Handle handle, Optional<String> from, String to) {
        handle.createUpdate(files.statement("set_active_pointer")).bind("batch_id", to).execute();
    }

    @Override
    public boolean copiesDisplayFields() {
        return false;
    }

    @Override
    public long applyUpdate(Product product) {
        return runProductUpdate("apply_update", product);
    }

    @Override
    public List<String> listsRecommending(String productId) {
        return queryByProduct("lists_recommending", productId);
    }
}
