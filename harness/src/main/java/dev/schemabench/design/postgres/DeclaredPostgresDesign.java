package dev.schemabench.design.postgres;

import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.catalog.StoredList;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.declared.DesignDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * A PostgreSQL design declared in files ({@link DesignDeclaration}): no Java of its own. The harness supplies the
 * batch bookkeeping ({@code batches}) and fills two temporary staging tables by COPY ({@code staged_products},
 * {@code staged_items}); the design's statements move the rows into place, switch readers, delete a retired batch
 * and read. Thread-safe like every design.
 */
public final class DeclaredPostgresDesign extends PostgresDesign {

    /** The harness's statements for declared designs, by name ({@code declared.sql} beside this class). */
    public static final Map<String, String> HARNESS_STATEMENTS = loadHarnessStatements();

    private final DesignDeclaration declaration;
    private final NamedSql read;
    private final ThreadLocal<Boolean> rollingBack = ThreadLocal.withInitial(() -> false);

    /** Builds the design; {@code files} must come from {@link SchemaFiles#load}, which completes a declared folder. */
    public DeclaredPostgresDesign(PostgresServer server, SchemaFiles files, DesignDeclaration declaration,
                                  int poolSize) {
        this(declaration.name(), server, files, declaration, poolSize);
    }

    /** The design under {@code name}: its declared name, or a copy's name such as {@code jsonb_ids#2}. */
    public DeclaredPostgresDesign(String name, PostgresServer server, SchemaFiles files,
                                  DesignDeclaration declaration, int poolSize) {
        super(name, server, files, poolSize);
        this.declaration = declaration;
        this.read = NamedSql.parse(files.statement(declaration.read()));
    }

    /**
     * A declared design's statements completed with the harness's bookkeeping statements, and its read also under
     * the name {@code similar} that plans and calibration look for.
     */
    public static SchemaFiles completed(SchemaFiles files, DesignDeclaration declaration) {
        Map<String, String> added = new LinkedHashMap<>(HARNESS_STATEMENTS);
        added.put("similar", files.statement(declaration.read()));
        return files.withStatements(added);
    }

    /** The update role when the declaration names its statements ({@link DesignDeclaration.Updates}). */
    @Override
    public <R> java.util.Optional<R> role(Class<R> role) {
        DesignDeclaration.Updates updates = declaration.updates();
        if (role == DesignUpdates.class && updates != null) {
            return java.util.Optional.of(role.cast(new DesignUpdates() {
                @Override
                public boolean copiesDisplayFields() {
                    return updates.copiesDisplayFields();
                }

                @Override
                public long applyUpdate(Product product) {
                    return runProductUpdate(updates.apply(), product);
                }

                @Override
                public java.util.List<String> listsRecommending(String productId) {
                    return queryByProduct(updates.listsRecommending(), productId);
                }
            }));
        }
        return super.role(role);
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        if (declaration.readShape() == DesignDeclaration.ReadShape.ITEM_ROWS) {
            return readItemRows(productId, limit);
        }
        try (Connection connection = pool().getConnection();
             PreparedStatement statement = connection.prepareStatement(read.sql())) {
            bindRead(statement, read, productId, Math.max(1, limit));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return noActiveBatch(connection) ? new SimilarResult.NoActiveBatch()
                            : new SimilarResult.NotFound(productId);
                }
                String batchId = rs.getString(1);
                if (limit < 1) {
                    return new SimilarResult.Found(productId, batchId, List.of());
                }
                return new SimilarResult.Found(productId, batchId, new StoredList(rs.getBytes(2), limit));
            }
        } catch (SQLException e) {
            throw failure("read failed", e);
        }
    }

    @Override
    public RollbackOutcome rollback() {
        rollingBack.set(true);
        try {
            return super.rollback();
        } finally {
            rollingBack.set(false);
        }
    }

    @Override
    protected String schemaScript() {
        return HARNESS_STATEMENTS.get("bookkeeping_tables") + ";\n" + super.schemaScript();
    }

    @Override
    protected long copyBatch(BulkTarget target, Batch batch) throws SQLException {
        target.execute(HARNESS_STATEMENTS.get("create_staged_products"));
        target.execute(HARNESS_STATEMENTS.get("create_staged_items"));
        try (CopyWriter copy = target.copy(HARNESS_STATEMENTS.get("copy_staged_products"));
             Stream<Product> products = batch.products()) {
            Iterator<Product> iterator = products.iterator();
            while (iterator.hasNext()) {
                Product product = iterator.next();
                copy.text(product.productId()).text(product.name()).text(product.brand()).text(product.category())
                        .number(product.priceCents()).number(product.rating()).text(product.imageUrl()).endRow();
            }
            copy.finish();
        }
        long lists = 0;
        try (CopyWriter copy = target.copy(HARNESS_STATEMENTS.get("copy_staged_items"));
             Stream<SimilarityList> stream = batch.lists()) {
            Iterator<SimilarityList> iterator = stream.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                for (SimilarItem item : list.items()) {
                    copy.text(list.productId()).number(item.rank()).text(item.productId()).number(item.score())
                            .endRow();
                }
                lists++;
            }
            copy.finish();
        }
        target.execute(HARNESS_STATEMENTS.get("analyze_staged"));
        Map<String, String> literals = Map.of("batch_id", "'" + batch.id() + "'");
        for (String name : declaration.stage()) {
            target.execute(NamedSql.withLiterals(files.statement(name), literals));
        }
        return lists;
    }

    @Override
    protected void switchReaders(Handle handle, Optional<String> from, String to) {
        Map<String, String> values = new HashMap<>();
        values.put("batch_id", to);
        values.put("previous_batch_id", from.orElse(null));
        for (String name : rollingBack.get() ? declaration.rollback() : declaration.activate()) {
            run(handle, name, values);
        }
    }

    @Override
    protected void deleteBatchRows(Handle handle, String batchId) {
        for (String name : declaration.retire()) {
            run(handle, name, Map.of("batch_id", batchId));
        }
    }

    private void run(Handle handle, String name, Map<String, String> values) {
        NamedSql sql = NamedSql.parse(files.statement(name));
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql.sql())) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                statement.setString(i + 1, values.get(sql.parameters().get(i)));
            }
            statement.execute();
        } catch (SQLException e) {
            throw failure("statement '" + name + "' failed", e);
        }
    }

    private static Map<String, String> loadHarnessStatements() {
        try (InputStream in = DeclaredPostgresDesign.class.getResourceAsStream("declared.sql")) {
            if (in == null) {
                throw new IllegalStateException("declared.sql is missing from the harness jar");
            }
            return Map.copyOf(SchemaFiles.parseNamed(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
