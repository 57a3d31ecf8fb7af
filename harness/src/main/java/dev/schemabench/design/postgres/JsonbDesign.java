package dev.schemabench.design.postgres;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.StoredList;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.SimilarJson;
import dev.schemabench.design.SimilarResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The reference design: one row per product per batch with the whole list denormalized in a JSONB column, batches
 * as versions flagged by {@code is_active}. See {@code schemas/jsonb/README.md}.
 */
public final class JsonbDesign extends PostgresDesign implements DesignUpdates {

    public static final String NAME = "jsonb";

    private final NamedSql read;

    public JsonbDesign(PostgresServer server, SchemaFiles files, int poolSize) {
        this(NAME, server, files, poolSize);
    }

    /** The design under {@code name}: {@link #NAME}, or a copy's name such as {@code jsonb#2}. */
    public JsonbDesign(String name, PostgresServer server, SchemaFiles files, int poolSize) {
        super(name, server, files, poolSize);
        this.read = NamedSql.parse(files.statement("similar"));
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        try (Connection connection = pool().getConnection();
             PreparedStatement statement = connection.prepareStatement(read.sql())) {
            bindRead(statement, read, productId, limit);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return noActiveBatch(connection) ? new SimilarResult.NoActiveBatch()
                            : new SimilarResult.NotFound(productId);
                }
                return new SimilarResult.Found(productId, rs.getString(1), new StoredList(rs.getBytes(2), limit));
            }
        } catch (SQLException e) {
            throw failure("read failed", e);
        }
    }

    /** Passes the stored JSONB text's bytes through, cut to {@code limit} items by a scan, never decoded or parsed. */
    @Override
    public SimilarJson similarJson(String productId, int limit) {
        try (Connection connection = pool().getConnection();
             PreparedStatement statement = connection.prepareStatement(read.sql())) {
            bindRead(statement, read, productId, limit);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return noActiveBatch(connection) ? new SimilarJson.NoActiveBatch()
                            : new SimilarJson.NotFound(productId);
                }
                return new SimilarJson.Found(productId, rs.getString(1),
                        SimilarJson.firstItems(rs.getBytes(2), limit));
            }
        } catch (SQLException e) {
            throw failure("read failed", e);
        }
    }

    @Override
    protected long copyBatch(BulkTarget target, Batch batch) throws SQLException {
        try (CopyWriter copy = target.copy(files.statement("stage_copy"));
             Stream<SimilarityList> lists = batch.lists()) {
            Iterator<SimilarityList> iterator = lists.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                copy.text(list.productId()).json(list.items()).text(batch.id()).endRow();
            }
            return copy.finish();
        }
    }

    @Override
    protected void switchReaders(Handle handle, Optional<String> from, String to) {
        if (from.isPresent()) {
            handle.createUpdate(files.statement("deactivate_rows")).execute();
        }
        handle.createUpdate(files.statement("activate_rows")).bind("batch_id", to).execute();
    }

    @Override
    public boolean copiesDisplayFields() {
        return true;
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
