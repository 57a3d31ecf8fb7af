package dev.schemabench.design.postgres;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.Engines;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.SimilarResult;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * A test-only fourth design, to prove that a PostgreSQL design with its own storage layout takes three files: this
 * class, its folder {@code src/test/resources/schemas/partitioned_lists} and its contract test. Each batch's lists are
 * a partition of their own, one row per product with the ranked ids and scores as arrays; retiring a batch drops its
 * partition. See that folder's README.
 */
public final class PartitionedListsDesign extends PostgresDesign {

    public static final String NAME = "partitioned_lists";

    /** Registers the design once, so a run can select it by name beside the built-in ones. */
    public static synchronized void register() {
        if (DesignRegistry.find(NAME).isEmpty()) {
            DesignRegistry.register(new DesignRegistry.Entry(NAME,
                    "PostgreSQL, each batch's lists in a partition of their own, ids and scores as arrays",
                    Engines.POSTGRESQL, context -> new PartitionedListsDesign(context.postgres(),
                            SchemaFiles.load(context.schemasRoot(), NAME), context.poolSize())));
        }
    }

    public PartitionedListsDesign(PostgresServer server, SchemaFiles files, int poolSize) {
        super(NAME, server, files, poolSize);
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return readItemRows(productId, limit);
    }

    @Override
    protected long copyBatch(BulkTarget target, Batch batch) throws SQLException {
        target.execute(NamedSql.withLiterals(files.statement("create_partition"), partitionLiterals(batch.id())));
        mergeProducts(target, batch);
        try (CopyWriter copy = target.copy(files.statement("stage_lists_copy"));
             Stream<SimilarityList> lists = batch.lists()) {
            Iterator<SimilarityList> iterator = lists.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                StringJoiner ids = new StringJoiner(",", "{", "}");
                StringJoiner scores = new StringJoiner(",", "{", "}");
                for (SimilarItem item : list.items()) {
                    ids.add(item.productId());
                    scores.add(Double.toString(item.score()));
                }
                copy.text(batch.id()).text(list.productId()).text(ids.toString()).text(scores.toString()).endRow();
            }
            return copy.finish();
        }
    }

    @Override
    protected void switchReaders(Handle handle, Optional<String> from, String to) {
        handle.createUpdate(files.statement("set_active_pointer")).bind("batch_id", to).execute();
    }

    @Override
    protected void deleteBatchRows(Handle handle, String batchId) {
        handle.execute(NamedSql.withLiterals(files.statement("drop_partition"), partitionLiterals(batchId)));
    }

    /**
     * The partition's name (the batch id in lower-case letters, digits and '_', and a hash of the id so that ids
     * differing only in case or punctuation get their own) and the batch id as a literal. Batch ids are validated, so
     * neither can break out of its quotes.
     */
    private static Map<String, String> partitionLiterals(String batchId) {
        String readable = batchId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return Map.of("partition", "l_" + readable + "_" + Integer.toHexString(batchId.hashCode()),
                "batch_id", "'" + batchId + "'");
    }
}
