package dev.schemabench.design.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.BatchRules;
import dev.schemabench.design.BatchStore;
import dev.schemabench.design.DesignException;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.ReadPlan;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.SchemaFiles;
import dev.schemabench.design.ServerInfo;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.db.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * What the PostgreSQL designs share: a schema of their own marked as theirs, DDL and statements from
 * {@code schemas/<design>/}, the batch bookkeeping ({@code stage / activate / rollback / retire} with a
 * {@code previous_batch_id} chain), footprint from the catalog, plans from {@code EXPLAIN}. A design adds how a
 * batch is copied in, how readers are switched between batches, and its read.
 */
public abstract class PostgresDesign implements StorageDesign {

    /** Upper bound on one read; a read that takes longer fails rather than hangs. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** Upper bound on one lifecycle statement (stage, activate, retire); they move whole batches. */
    public static final Duration LIFECYCLE_TIMEOUT = Duration.ofMinutes(30);

    /** Upper bound on one product update; a popular product's fan-out may rewrite many lists. */
    public static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern INDEX_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?i)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    private static final String OWNER_MARK = "schemabench:design=";
    private static final Map<String, String> CATALOG = loadCatalog();

    private final String name;
    private final String schema;
    private final PostgresServer server;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    protected final SchemaFiles files;
    private final NamedSql itemRowsRead;

    protected PostgresDesign(String name, PostgresServer server, SchemaFiles files, int poolSize) {
        this.name = name;
        this.schema = "schemabench_" + name.replace(dev.schemabench.design.DesignContext.COPY_MARK, "_");
        this.server = server;
        this.files = files;
        this.pool = server.newPool(schema, poolSize, name, READ_TIMEOUT);
        this.jdbi = Jdbi.create(pool);
        this.itemRowsRead = NamedSql.parse(files.statement("similar"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String namespace() {
        return schema;
    }

    /** The pool readers borrow from. */
    protected HikariDataSource pool() {
        return pool;
    }

    @Override
    public void ensureSchema() {
        try (Handle handle = Jdbi.open(server.connect())) {
            Optional<String> owner = ownerMark(handle.getConnection());
            if (owner.isPresent()) {
                requireOurs(owner.get());
                return;
            }
            handle.useTransaction(transaction -> {
                transaction.execute("CREATE SCHEMA " + schema);
                transaction.execute("COMMENT ON SCHEMA " + schema + " IS '" + OWNER_MARK + name + "'");
                transaction.execute("SET LOCAL search_path TO " + schema);
                transaction.createScript(schemaScript()).execute();
                transaction.createScript(files.file("indexes.sql")).execute();
            });
        } catch (SQLException | JdbiException e) {
            throw failure("could not create schema " + schema, e);
        }
    }

    @Override
    public boolean namespaceExists() {
        try (Connection connection = server.connect()) {
            return ownerMark(connection).isPresent();
        } catch (SQLException e) {
            throw failure("could not look for schema " + schema, e);
        }
    }

    @Override
    public void dropSchema() {
        try (Connection connection = server.connect()) {
            Optional<String> owner = ownerMark(connection);
            if (owner.isEmpty()) {
                return;
            }
            requireOurs(owner.get());
            pool.getHikariPoolMXBean().softEvictConnections();
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            throw failure("could not drop schema " + schema, e);
        }
    }

    @Override
    public StageOutcome stage(Batch batch) {
        BatchRules.requireBatchId(batch.id());
        return lifecycle(handle -> BatchRules.stage(new Store(handle), batch));
    }

    /**
     * A bulk path written for psql: the script (run it from its folder), the COPY data files it loads, their total
     * size and the product lists they hold.
     */
    public record BulkScript(Path script, List<Path> dataFiles, long copyBytes, long lists) {
    }

    /**
     * Writes what {@link #stage} would send for {@code batch} into {@code folder}, as a psql script: the batch's
     * registration and the design's bulk path, the same statements and the same COPY bytes, in one transaction.
     * Nothing is sent to the server; replaying the script stages the batch.
     */
    public BulkScript writeBulkScript(Batch batch, Path folder) throws IOException {
        BatchRules.requireBatchId(batch.id());
        PsqlScript script = new PsqlScript(Files.createDirectories(folder));
        script.execute(NamedSql.withLiterals(files.statement("insert_batch"), Map.of(
                "batch_id", "'" + batch.id() + "'", "product_count", Integer.toString(batch.productCount()))));
        long lists;
        try {
            lists = copyBatch(script, batch);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path written = script.finish();
        long bytes = 0;
        for (Path file : script.dataFiles()) {
            bytes += Files.size(file);
        }
        return new BulkScript(written, script.dataFiles(), bytes, lists);
    }

    /**
     * Deletes a batch that is not active, rows and registration, for tools that stage batches only to time them.
     * Returns whether it existed; refuses the active batch.
     */
    public boolean discard(String batchId) {
        return lifecycle(handle -> {
            Optional<BatchInfo.BatchState> state = new Store(handle).state(batchId);
            if (state.isEmpty()) {
                return false;
            }
            if (state.get() == BatchInfo.BatchState.ACTIVE) {
                throw new DesignException(name + ": batch " + batchId + " is active and cannot be discarded");
            }
            new Store(handle).delete(batchId);
            return true;
        });
    }

    @Override
    public ActivationOutcome activate(String batchId) {
        return lifecycle(handle -> BatchRules.activate(new Store(handle), batchId));
    }

    @Override
    public RollbackOutcome rollback() {
        return lifecycle(handle -> BatchRules.rollback(new Store(handle)));
    }

    @Override
    public List<String> retire(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("retention must keep at least 1 batch, got " + keep);
        }
        return lifecycle(handle -> BatchRules.retire(new Store(handle), keep));
    }

    /** This design's batch bookkeeping as statements of its {@code queries.sql}, inside one lifecycle transaction. */
    private final class Store implements BatchStore {
        private final Handle handle;

        Store(Handle handle) {
            this.handle = handle;
        }

        @Override
        public Optional<BatchInfo.BatchState> state(String batchId) {
            return handle.createQuery(files.statement("batch_state")).bind("batch_id", batchId).mapTo(String.class)
                    .findOne().map(state -> BatchInfo.BatchState.valueOf(state.toUpperCase(Locale.ROOT)));
        }

        @Override
        public Optional<String> activeBatchId() {
            return currentBatch(handle);
        }

        @Override
        public Optional<String> previousBatchId(String batchId) {
            return handle.createQuery(files.statement("previous_batch")).bind("batch_id", batchId)
                    .mapTo(String.class).findOne();
        }

        @Override
        public List<BatchInfo> list() {
            return listBatches(handle);
        }

        @Override
        public void beginStage(String batchId, int productCount) {
            handle.createUpdate(files.statement("insert_batch")).bind("batch_id", batchId)
                    .bind("product_count", productCount).execute();
        }

        @Override
        public long copyLists(Batch batch) {
            try {
                return copyBatch(BulkTarget.server(handle.getConnection()), batch);
            } catch (SQLException e) {
                throw failure("could not stage " + batch.id(), e);
            }
        }

        @Override
        public void completeStage(String batchId) {
            // Registered as staged inside the same transaction as its rows.
        }

        @Override
        public void abortStage(String batchId) {
            // The lifecycle transaction rolls back.
        }

        @Override
        public void switchReaders(Optional<String> from, String to) {
            PostgresDesign.this.switchReaders(handle, from, to);
        }

        @Override
        public void setState(String batchId, BatchInfo.BatchState state) {
            handle.createUpdate(files.statement("mark_inactive")).bind("batch_id", batchId)
                    .bind("state", state.name().toLowerCase(Locale.ROOT)).execute();
        }

        @Override
        public void markActive(String batchId, Optional<String> previousBatchId) {
            handle.createUpdate(files.statement("mark_active")).bind("batch_id", batchId)
                    .bind("previous_batch_id", previousBatchId.orElse(null)).execute();
        }

        @Override
        public void delete(String batchId) {
            deleteBatchRows(handle, batchId);
            handle.createUpdate(files.statement("delete_batch")).bind("batch_id", batchId).execute();
        }
    }

    @Override
    public List<BatchInfo> batches() {
        try {
            return jdbi.withHandle(this::listBatches);
        } catch (JdbiException e) {
            throw failure("could not list batches", e);
        }
    }

    @Override
    public Optional<String> activeBatch() {
        try {
            return jdbi.withHandle(this::currentBatch);
        } catch (JdbiException e) {
            throw failure("could not read the active batch", e);
        }
    }

    @Override
    public void vacuumAnalyze() {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = query(connection, "tables")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("VACUUM ANALYZE " + schema + ".\"" + table.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw failure("could not vacuum " + schema, e);
        }
    }

    @Override
    public boolean rebuildIndex(String indexName) {
        if (!INDEX_NAME.matcher(indexName).matches()) {
            throw new IllegalArgumentException("not an index name: " + indexName);
        }
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("REINDEX INDEX " + schema + "." + indexName);
            return true;
        } catch (SQLException e) {
            throw failure("could not rebuild index " + indexName, e);
        }
    }

    @Override
    public void dropSecondaryIndexes() {
        List<String> names = secondaryIndexNames();
        lifecycle(handle -> {
            for (String index : names) {
                handle.execute("DROP INDEX IF EXISTS " + index);
            }
            return names;
        });
    }

    @Override
    public void createSecondaryIndexes() {
        String script = files.file("indexes.sql").replaceAll("(?i)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!IF\\s+NOT)",
                "CREATE $1INDEX IF NOT EXISTS ");
        lifecycle(handle -> {
            handle.createScript(script).execute();
            return script;
        });
    }

    /** The names of the indexes {@code indexes.sql} creates. */
    public List<String> secondaryIndexNames() {
        List<String> names = new ArrayList<>();
        Matcher matcher = CREATE_INDEX.matcher(files.file("indexes.sql"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Override
    public Footprint footprint() {
        try (Connection connection = server.connect()) {
            Map<String, List<Footprint.Index>> indexes = new LinkedHashMap<>();
            try (ResultSet rs = query(connection, "index_sizes")) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString("relation"), key -> new ArrayList<>())
                            .add(new Footprint.Index(rs.getString("name"), rs.getString("relation"), rs.getLong("bytes")));
                }
            }
            List<Footprint.Relation> relations = new ArrayList<>();
            try (ResultSet rs = query(connection, "relation_sizes")) {
                while (rs.next()) {
                    String relation = rs.getString("name");
                    relations.add(new Footprint.Relation(relation, rs.getLong("table_bytes"), rs.getLong("toast_bytes"),
                            indexes.getOrDefault(relation, List.of())));
                }
            }
            long active = jdbi.withHandle(handle -> handle.createQuery(files.statement("active_product_count"))
                    .mapTo(Long.class).findOne().orElse(0L));
            return new Footprint(relations, active);
        } catch (SQLException | JdbiException e) {
            throw failure("could not measure the footprint of " + schema, e);
        }
    }

    @Override
    public ReadPlan readPlan(String productId, int limit) {
        NamedSql read = NamedSql.parse(files.statement("similar"));
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON) " + read.sql())) {
            bindRead(statement, read, productId, limit);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new ReadPlan(productId, files.statement("similar"), rs.getString(1));
            }
        } catch (SQLException e) {
            throw failure("could not explain the read", e);
        }
    }

    @Override
    public ServerInfo serverInfo() {
        try (Connection connection = server.connect()) {
            Map<String, String> settings = new LinkedHashMap<>();
            try (ResultSet rs = query(connection, "settings")) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
            String version;
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT version()")) {
                rs.next();
                version = rs.getString(1);
            }
            return new ServerInfo("PostgreSQL", version, settings);
        } catch (SQLException e) {
            throw failure("could not read server settings", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * The design's bulk path: sends every list of {@code batch} to {@code target} (statements and COPY streams, no
     * parameters); returns the number of product lists written.
     */
    protected abstract long copyBatch(BulkTarget target, Batch batch) throws SQLException;

    /**
     * The bulk path's products step for a design that keeps products once, shared by all batches: every product of
     * {@code batch} by COPY into a temporary table ({@code create_incoming_products}, {@code stage_products_copy}),
     * then merged into the design's products ({@code merge_products}).
     */
    protected void mergeProducts(BulkTarget target, Batch batch) throws SQLException {
        target.execute(files.statement("create_incoming_products"));
        try (CopyWriter copy = target.copy(files.statement("stage_products_copy"));
             Stream<Product> products = batch.products()) {
            Iterator<Product> iterator = products.iterator();
            while (iterator.hasNext()) {
                Product product = iterator.next();
                copy.text(product.productId()).text(product.name()).text(product.brand()).text(product.category())
                        .number(product.priceCents()).number(product.rating()).text(product.imageUrl()).endRow();
            }
            copy.finish();
        }
        target.execute(files.statement("merge_products"));
    }

    /** The tables {@link #ensureSchema} creates before the indexes: {@code schema.sql} by default. */
    protected String schemaScript() {
        return files.file("schema.sql");
    }

    /** Makes readers see {@code to} instead of {@code from}, inside the caller's transaction. */
    protected abstract void switchReaders(Handle handle, Optional<String> from, String to);

    /**
     * Deletes a batch's rows inside the caller's transaction, before its registration goes; by default with the
     * {@code delete_batch_rows} statement. A design whose batches live in partitions of their own drops the partition.
     */
    protected void deleteBatchRows(Handle handle, String batchId) {
        handle.createUpdate(files.statement("delete_batch_rows")).bind("batch_id", batchId).execute();
    }

    /**
     * The read of a design whose {@code similar} statement returns one row per item in rank order, with the columns
     * {@code batch_id, rank, score, product_id, name, brand, category, price_cents, rating, image_url}: the items are
     * built from the rows. Thread-safe.
     */
    protected SimilarResult readItemRows(String productId, int limit) {
        NamedSql read = itemRowsRead;
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(read.sql())) {
            // At least one row even for limit 0: an empty result must mean "no list", never "asked for none".
            bindRead(statement, read, productId, Math.max(1, limit));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return noActiveBatch(connection) ? new SimilarResult.NoActiveBatch()
                            : new SimilarResult.NotFound(productId);
                }
                String batchId = rs.getString("batch_id");
                List<SimilarItem> items = new ArrayList<>(Math.max(0, limit));
                if (limit < 1) {
                    return new SimilarResult.Found(productId, batchId, items);
                }
                do {
                    items.add(new SimilarItem(rs.getString("product_id"), rs.getInt("rank"), rs.getDouble("score"),
                            rs.getString("name"), rs.getString("brand"), rs.getString("category"),
                            rs.getInt("price_cents"), rs.getBigDecimal("rating").doubleValue(),
                            rs.getString("image_url")));
                } while (rs.next());
                return new SimilarResult.Found(productId, batchId, items);
            }
        } catch (SQLException e) {
            throw failure("read failed", e);
        }
    }

    /**
     * Runs a product update statement ({@code apply_update} of the design's {@code queries.sql}) in one transaction
     * of its own, binding {@code :product_id, :name, :price_cents, :rating, :image_url} by name; returns the rows it
     * changed. For designs that play {@link dev.schemabench.design.DesignUpdates}. Thread-safe.
     */
    protected long runProductUpdate(String statementName, Product product) {
        NamedSql update = NamedSql.parse(files.statement(statementName));
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("SET LOCAL statement_timeout = " + UPDATE_TIMEOUT.toMillis());
            }
            try (PreparedStatement statement = connection.prepareStatement(update.sql())) {
                for (int i = 0; i < update.parameters().size(); i++) {
                    switch (update.parameters().get(i)) {
                        case "product_id" -> statement.setString(i + 1, product.productId());
                        case "name" -> statement.setString(i + 1, product.name());
                        case "price_cents" -> statement.setInt(i + 1, product.priceCents());
                        case "rating" -> statement.setBigDecimal(i + 1, java.math.BigDecimal.valueOf(product.rating()));
                        case "image_url" -> statement.setString(i + 1, product.imageUrl());
                        default -> throw new DesignException("a product update may only use :product_id, :name,"
                                + " :price_cents, :rating and :image_url, not :" + update.parameters().get(i));
                    }
                }
                long rows = statement.executeLargeUpdate();
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("product update failed", e);
        }
    }

    /** Runs a statement with one {@code :product_id} parameter and returns its first column as text. Thread-safe. */
    protected List<String> queryByProduct(String statementName, String productId) {
        NamedSql query = NamedSql.parse(files.statement(statementName));
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.parameters().size(); i++) {
                if (!query.parameters().get(i).equals("product_id")) {
                    throw new DesignException(statementName + " may only use :product_id, not :"
                            + query.parameters().get(i));
                }
                statement.setString(i + 1, productId);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw failure(statementName + " failed", e);
        }
    }

    /** Binds the read's parameters by name. */
    protected static void bindRead(PreparedStatement statement, NamedSql read, String productId, int limit)
            throws SQLException {
        for (int i = 0; i < read.parameters().size(); i++) {
            switch (read.parameters().get(i)) {
                case "product_id" -> statement.setString(i + 1, productId);
                case "limit" -> statement.setInt(i + 1, limit);
                default -> throw new DesignException("the read may only use :product_id and :limit, not :"
                        + read.parameters().get(i));
            }
        }
    }

    /** Whether a read that returned no row means "no batch is active" rather than "unknown product". */
    protected boolean noActiveBatch(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(files.statement("active_batch"));
             ResultSet rs = statement.executeQuery()) {
            return !rs.next();
        }
    }

    /** A user-facing failure naming the design and the database's own reason. */
    protected DesignException failure(String what, Exception cause) {
        if (cause instanceof DesignException design) {
            return design;
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new DesignException(name + ": " + what + ": " + PostgresServer.mask(firstLine(reason)), cause);
    }

    private <T> T lifecycle(org.jdbi.v3.core.HandleCallback<T, SQLException> work) {
        try {
            return jdbi.inTransaction(handle -> {
                handle.execute("SET LOCAL statement_timeout = " + LIFECYCLE_TIMEOUT.toMillis());
                handle.createQuery(files.statement("lock_batches")).mapTo(String.class).findOne();
                return work.withHandle(handle);
            });
        } catch (SQLException | JdbiException e) {
            throw failure("batch operation failed", e);
        }
    }

    private Optional<String> currentBatch(Handle handle) {
        return handle.createQuery(files.statement("active_batch")).mapTo(String.class).findOne();
    }



    private List<BatchInfo> listBatches(Handle handle) {
        return handle.createQuery(files.statement("list_batches")).map((rs, ctx) -> new BatchInfo(
                rs.getString("batch_id"),
                BatchInfo.BatchState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject("activated_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant).orElse(null),
                rs.getInt("product_count"))).list();
    }

    private Optional<String> ownerMark(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(obj_description(n.oid, 'pg_namespace'), '') FROM pg_namespace n WHERE n.nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void requireOurs(String mark) {
        if (!mark.equals(OWNER_MARK + name)) {
            throw new DesignException("schema " + schema + " exists but was not created by SchemaBench's " + name
                    + " design; refusing to touch it (drop or rename it yourself)");
        }
    }

    private ResultSet query(Connection connection, String statementName) throws SQLException {
        NamedSql sql = NamedSql.parse(CATALOG.get(statementName));
        PreparedStatement statement = connection.prepareStatement(sql.sql());
        statement.closeOnCompletion();
        for (int i = 0; i < sql.parameters().size(); i++) {
            statement.setString(i + 1, schema);
        }
        return statement.executeQuery();
    }


    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static Map<String, String> loadCatalog() {
        try (InputStream in = PostgresDesign.class.getResourceAsStream("catalog.sql")) {
            if (in == null) {
                throw new IllegalStateException("catalog.sql is missing from the harness jar");
            }
            return SchemaFiles.parseNamed(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
