package dev.schemabench.design.mongo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.ValidationOptions;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.design.ActivationOutcome;
import dev.schemabench.design.BatchInfo;
import dev.schemabench.design.BatchRules;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.BatchStore;
import dev.schemabench.design.DesignException;
import dev.schemabench.design.DesignUpdates;
import dev.schemabench.design.DesignUnavailableException;
import dev.schemabench.design.Footprint;
import dev.schemabench.design.ReadPlan;
import dev.schemabench.design.RollbackOutcome;
import dev.schemabench.design.ServerInfo;
import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * MongoDB: one document per product per batch with the list embedded, a pointer document naming the active batch.
 * Collections, validator, indexes and reads come from {@code schemas/mongo/}. See {@code schemas/mongo/README.md}.
 *
 * <p>Works against any server that speaks the MongoDB wire protocol, so its answers can be checked anywhere; its
 * figures are only meaningful on a real {@code mongod}, and {@link #measurementRefusal()} says so otherwise.
 */
public final class MongoDesign implements StorageDesign, DesignUpdates {

    public static final String NAME = "mongo";

    /** Oldest MongoDB release the design supports. */
    public static final int MINIMUM_MAJOR_VERSION = 6;

    private static final String MARKER_COLLECTION = "_schemabench";
    private static final String SIMILARITIES = "similarities";
    private static final String BATCHES = "batches";
    private static final String POINTERS = "pointers";
    private static final String ACTIVE = "active";
    private static final int CHUNK = 1_000;
    private static final long LOCK_MILLIS = TimeUnit.MINUTES.toMillis(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoHandle handle;
    private final String name;
    private final String databaseName;
    private final MongoClient client;
    private final MongoDatabase database;
    private final JsonNode collections;
    private final JsonNode indexes;
    private final JsonNode queries;
    private final String version;
    private final String refusal;
    private final String lockOwner = java.util.UUID.randomUUID().toString();

    /**
     * Connects and checks the server.
     *
     * @throws DesignUnavailableException when the server cannot be reached within seconds, refuses the credentials,
     *                                    or is a MongoDB older than 6.0
     */
    public MongoDesign(MongoHandle handle, Path schemasRoot, int poolSize) {
        this(NAME, handle, schemasRoot, poolSize);
    }

    /** The design under {@code name}: {@link #NAME}, or a copy's name such as {@code mongo#2}, in its own database. */
    public MongoDesign(String name, MongoHandle handle, Path schemasRoot, int poolSize) {
        this.name = name;
        this.databaseName = "schemabench_" + name.replace(DesignContext.COPY_MARK, "_");
        this.handle = handle;
        Path folder = schemasRoot.resolve(NAME);
        this.collections = readJson(folder.resolve("collections.json"));
        this.indexes = readJson(folder.resolve("indexes.json"));
        this.queries = readJson(folder.resolve("queries.json"));
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(handle.uri()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(8, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS)
                        .readTimeout(30, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(poolSize).maxWaitTime(5, TimeUnit.SECONDS))
                .timeout(30, TimeUnit.SECONDS)
                .applicationName("schemabench-" + name)
                .build();
        this.client = MongoClients.create(settings);
        try {
            this.database = client.getDatabase(databaseName);
            Document buildInfo = database.runCommand(new Document("buildInfo", 1));
            Document status = database.runCommand(new Document("serverStatus", 1));
            this.version = buildInfo.getString("version");
            String process = String.valueOf(status.get("process"));
            boolean real = buildInfo.containsKey("gitVersion") && (process.startsWith("mongod")
                    || process.startsWith("mongos")) && status.containsKey("storageEngine");
            if (real && majorVersion(version) < MINIMUM_MAJOR_VERSION) {
                throw new DesignUnavailableException("the MongoDB server at " + handle.displayUri() + " is version "
                        + version + "; SchemaBench needs MongoDB 6.0 or newer");
            }
            this.refusal = real ? null : "the server at " + handle.displayUri() + " is not a real mongod (it reports"
                    + " version " + version + ", process '" + process + "', no storage engine): its answers are"
                    + " checked, but no latency, storage or index figure is reported for it";
        } catch (MongoSecurityException e) {
            client.close();
            throw new DesignUnavailableException("MongoDB at " + handle.displayUri()
                    + " refused the credentials (authentication failed)");
        } catch (MongoTimeoutException e) {
            client.close();
            throw new DesignUnavailableException("MongoDB at " + handle.displayUri()
                    + " did not answer within 8 seconds; " + MongoProvisioner.HOW_TO_PROVIDE);
        } catch (MongoException e) {
            client.close();
            throw new DesignUnavailableException("MongoDB at " + handle.displayUri() + " failed: "
                    + MongoProvisioner.mask(e.getMessage()));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String namespace() {
        return databaseName;
    }

    @Override
    public Optional<String> measurementRefusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean namespaceExists() {
        return guard("could not look for database " + databaseName,
                () -> database.listCollectionNames().first() != null);
    }

    @Override
    public synchronized void ensureSchema() {
        guard("could not create database " + databaseName, () -> {
            List<String> existing = database.listCollectionNames().into(new ArrayList<>());
            if (!existing.isEmpty()) {
                requireOurs(existing);
                return null;
            }
            database.getCollection(MARKER_COLLECTION).insertOne(new Document("_id", "owner").append("design", name));
            for (Map.Entry<String, JsonNode> collection : collections.properties()) {
                if (collection.getKey().startsWith("_")) {
                    continue;
                }
                CreateCollectionOptions options = new CreateCollectionOptions();
                JsonNode validator = collection.getValue().get("validator");
                if (validator != null) {
                    options.validationOptions(new ValidationOptions().validator(Document.parse(validator.toString())));
                }
                database.createCollection(collection.getKey(), options);
            }
            createSecondaryIndexes();
            return null;
        });
    }

    @Override
    public synchronized void dropSchema() {
        guard("could not drop database " + databaseName, () -> {
            List<String> existing = database.listCollectionNames().into(new ArrayList<>());
            if (existing.isEmpty()) {
                return null;
            }
            requireOurs(existing);
            database.drop();
            return null;
        });
    }

    @Override
    public StageOutcome stage(Batch batch) {
        BatchRules.requireBatchId(batch.id());
        return lifecycle("could not stage " + batch.id(), () -> BatchRules.stage(new Store(), batch));
    }

    private long insertLists(Batch batch, Date created) {
        MongoCollection<Document> similarities = database.getCollection(SIMILARITIES);
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        List<Document> chunk = new ArrayList<>(CHUNK);
        long inserted = 0;
        try (Stream<SimilarityList> lists = batch.lists()) {
            Iterator<SimilarityList> iterator = lists.iterator();
            while (iterator.hasNext()) {
                SimilarityList list = iterator.next();
                chunk.add(new Document("_id", documentId(batch.id(), list.productId()))
                        .append("product_id", list.productId()).append("batch_id", batch.id())
                        .append("created_at", created).append("recommendations", toDocuments(list.items())));
                if (chunk.size() == CHUNK) {
                    inserted += similarities.insertMany(chunk, unordered).getInsertedIds().size();
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            inserted += similarities.insertMany(chunk, unordered).getInsertedIds().size();
        }
        return inserted;
    }

    @Override
    public ActivationOutcome activate(String batchId) {
        return lifecycle("could not activate " + batchId, () -> BatchRules.activate(new Store(), batchId));
    }

    @Override
    public RollbackOutcome rollback() {
        return lifecycle("could not roll back", () -> BatchRules.rollback(new Store()));
    }

    @Override
    public List<String> retire(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("retention must keep at least 1 batch, got " + keep);
        }
        return lifecycle("could not retire batches", () -> BatchRules.retire(new Store(), keep));
    }

    /**
     * The batch bookkeeping as documents of the {@code batches} collection, under the lifecycle lock. A standalone
     * server has no multi-document transactions, so a batch is registered as {@code staging} first and removed again
     * when its staging fails.
     */
    private final class Store implements BatchStore {
        private Date created;

        private Document batch(String batchId) {
            return database.getCollection(BATCHES).find(Filters.eq("_id", batchId)).first();
        }

        @Override
        public Optional<BatchInfo.BatchState> state(String batchId) {
            Document batch = batch(batchId);
            return batch == null ? Optional.empty()
                    : Optional.of(BatchInfo.BatchState.valueOf(batch.getString("state").toUpperCase(Locale.ROOT)));
        }

        @Override
        public Optional<String> activeBatchId() {
            return Optional.ofNullable(pointer());
        }

        @Override
        public Optional<String> previousBatchId(String batchId) {
            Document batch = batch(batchId);
            return batch == null ? Optional.empty() : Optional.ofNullable(batch.getString("previous_batch_id"));
        }

        @Override
        public List<BatchInfo> list() {
            return batches();
        }

        @Override
        public void beginStage(String batchId, int productCount) {
            created = new Date();
            database.getCollection(BATCHES).insertOne(new Document("_id", batchId).append("state", "staging")
                    .append("created_at", created).append("product_count", productCount));
        }

        @Override
        public long copyLists(Batch batch) {
            return insertLists(batch, created);
        }

        @Override
        public void completeStage(String batchId) {
            markState(batchId, "staged");
        }

        @Override
        public void abortStage(String batchId) {
            delete(batchId);
        }

        @Override
        public void switchReaders(Optional<String> from, String to) {
            MongoDesign.this.switchReaders(to);
        }

        @Override
        public void setState(String batchId, BatchInfo.BatchState state) {
            markState(batchId, state.name().toLowerCase(Locale.ROOT));
        }

        @Override
        public void markActive(String batchId, Optional<String> previousBatchId) {
            List<org.bson.conversions.Bson> updates = new ArrayList<>(List.of(Updates.set("state", "active"),
                    Updates.set("activated_at", new Date())));
            previousBatchId.ifPresent(previous -> updates.add(Updates.set("previous_batch_id", previous)));
            database.getCollection(BATCHES).updateOne(Filters.eq("_id", batchId), Updates.combine(updates));
        }

        @Override
        public void delete(String batchId) {
            database.getCollection(SIMILARITIES).deleteMany(Filters.eq("batch_id", batchId));
            database.getCollection(BATCHES).deleteOne(Filters.eq("_id", batchId));
        }
    }

    @Override
    public List<BatchInfo> batches() {
        return guard("could not list batches", () -> {
            List<BatchInfo> result = new ArrayList<>();
            for (Document batch : database.getCollection(BATCHES).find()
                    .sort(Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id")))) {
                String state = batch.getString("state");
                if ("staging".equals(state)) {
                    continue;
                }
                Date activated = batch.getDate("activated_at");
                result.add(new BatchInfo(batch.getString("_id"),
                        BatchInfo.BatchState.valueOf(state.toUpperCase(Locale.ROOT)),
                        batch.getDate("created_at").toInstant(), activated == null ? null : activated.toInstant(),
                        batch.getInteger("product_count", 0)));
            }
            return result;
        });
    }

    @Override
    public Optional<String> activeBatch() {
        return guard("could not read the active batch", () -> Optional.ofNullable(pointer()));
    }

    @Override
    public SimilarResult similar(String productId, int limit) {
        return guard("read failed", () -> {
            String batchId = pointer();
            if (batchId == null) {
                return new SimilarResult.NoActiveBatch();
            }
            JsonNode query = queries.get("similar");
            Document document = database.getCollection(query.get("collection").asText())
                    .find(bind(query.get("filter"), Map.of("document_id", documentId(batchId, productId))))
                    .projection(bind(query.get("projection"), Map.of("limit", Math.max(0, limit)))).first();
            if (document == null) {
                return new SimilarResult.NotFound(productId);
            }
            List<SimilarItem> items = new ArrayList<>();
            for (Document item : document.getList("recommendations", Document.class)) {
                if (items.size() >= limit) {
                    break;
                }
                items.add(new SimilarItem(item.getString(SimilarityJson.PRODUCT_ID), item.getInteger(SimilarityJson.RANK),
                        item.getDouble(SimilarityJson.SCORE), item.getString(SimilarityJson.NAME),
                        item.getString(SimilarityJson.BRAND), item.getString(SimilarityJson.CATEGORY),
                        item.getInteger(SimilarityJson.PRICE_CENTS), item.getDouble(SimilarityJson.RATING),
                        item.getString(SimilarityJson.IMAGE_URL)));
            }
            return new SimilarResult.Found(productId, document.getString("batch_id"), items);
        });
    }

    @Override
    public boolean copiesDisplayFields() {
        return true;
    }

    @Override
    public long applyUpdate(Product product) {
        return guard("product update failed", () -> {
            String batchId = pointer();
            if (batchId == null) {
                return 0L;
            }
            JsonNode update = queries.get("apply_update");
            Map<String, Object> parameters = Map.of("batch_id", batchId, "product_id", product.productId(),
                    "name", product.name(), "price_cents", product.priceCents(), "rating", product.rating(),
                    "image_url", product.imageUrl());
            List<Bson> arrayFilters = new ArrayList<>();
            for (JsonNode filter : update.get("array_filters")) {
                arrayFilters.add(bind(filter, parameters));
            }
            return database.getCollection(update.get("collection").asText())
                    .updateMany(bind(update.get("filter"), parameters), bind(update.get("update"), parameters),
                            new UpdateOptions().arrayFilters(arrayFilters))
                    .getModifiedCount();
        });
    }

    @Override
    public List<String> listsRecommending(String productId) {
        return guard("reverse lookup failed", () -> {
            String batchId = pointer();
            if (batchId == null) {
                return List.of();
            }
            JsonNode query = queries.get("lists_recommending");
            Map<String, Object> parameters = Map.of("batch_id", batchId, "product_id", productId);
            List<String> lists = new ArrayList<>();
            for (Document document : database.getCollection(query.get("collection").asText())
                    .find(bind(query.get("filter"), parameters)).projection(bind(query.get("projection"), parameters))
                    .sort(bind(query.get("sort"), parameters))) {
                lists.add(document.getString("product_id"));
            }
            return lists;
        });
    }

    @Override
    public Footprint footprint() {
        requireReal("storage figures");
        return guard("could not measure the footprint of " + databaseName, () -> {
            List<Footprint.Relation> relations = new ArrayList<>();
            for (String name : database.listCollectionNames().into(new ArrayList<>())) {
                Document stats = database.getCollection(name)
                        .aggregate(List.of(new Document("$collStats", new Document("storageStats", new Document()))))
                        .first();
                Document storage = stats == null ? new Document() : stats.get("storageStats", new Document());
                List<Footprint.Index> indexList = new ArrayList<>();
                Document sizes = storage.get("indexSizes", new Document());
                for (String index : sizes.keySet()) {
                    indexList.add(new Footprint.Index(index, name, ((Number) sizes.get(index)).longValue()));
                }
                relations.add(new Footprint.Relation(name, number(storage.get("storageSize")), 0, indexList));
            }
            Document active = pointer() == null ? null
                    : database.getCollection(BATCHES).find(Filters.eq("_id", pointer())).first();
            return new Footprint(relations, active == null ? 0 : active.getInteger("product_count", 0));
        });
    }

    @Override
    public void vacuumAnalyze() {
        requireReal("vacuumAnalyze");
        guard("could not compact " + databaseName, () -> {
            for (String name : database.listCollectionNames().into(new ArrayList<>())) {
                database.runCommand(new Document("compact", name).append("force", true));
            }
            return null;
        });
    }

    @Override
    public boolean rebuildIndex(String indexName) {
        for (JsonNode index : indexes) {
            if (index.get("name").asText().equals(indexName)) {
                guard("could not rebuild " + indexName, () -> {
                    MongoCollection<Document> collection = database.getCollection(index.get("collection").asText());
                    collection.dropIndex(indexName);
                    createIndex(index);
                    return null;
                });
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void dropSecondaryIndexes() {
        guard("could not drop indexes", () -> {
            for (JsonNode index : indexes) {
                MongoCollection<Document> collection = database.getCollection(index.get("collection").asText());
                boolean present = collection.listIndexes().into(new ArrayList<>()).stream()
                        .anyMatch(existing -> index.get("name").asText().equals(existing.getString("name")));
                if (present) {
                    collection.dropIndex(index.get("name").asText());
                }
            }
            return null;
        });
    }

    @Override
    public synchronized void createSecondaryIndexes() {
        guard("could not create indexes", () -> {
            for (JsonNode index : indexes) {
                createIndex(index);
            }
            return null;
        });
    }

    @Override
    public ReadPlan readPlan(String productId, int limit) {
        requireReal("a read plan");
        return guard("could not explain the read", () -> {
            JsonNode query = queries.get("similar");
            String batchId = pointer();
            Document find = new Document("find", query.get("collection").asText())
                    .append("filter", bind(query.get("filter"), Map.of("document_id",
                            documentId(batchId == null ? "" : batchId, productId))))
                    .append("projection", bind(query.get("projection"), Map.of("limit", limit)));
            Document explain = database.runCommand(new Document("explain", find).append("verbosity", "executionStats"));
            return new ReadPlan(productId, query.toString(), explain.toJson());
        });
    }

    @Override
    public ServerInfo serverInfo() {
        return guard("could not read server settings", () -> {
            Document status = database.runCommand(new Document("serverStatus", 1));
            Map<String, String> settings = new LinkedHashMap<>();
            Object engine = status.get("storageEngine");
            if (engine instanceof Document document) {
                settings.put("storage_engine", String.valueOf(document.get("name")));
            }
            settings.put("process", String.valueOf(status.get("process")));
            Object wiredTiger = status.get("wiredTiger");
            if (wiredTiger instanceof Document document && document.get("cache") instanceof Document cache) {
                settings.put("wiredtiger_cache_bytes", String.valueOf(cache.get("maximum bytes configured")));
            }
            settings.put("real_mongod", Boolean.toString(refusal == null));
            return new ServerInfo("MongoDB", version, settings);
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private String pointer() {
        JsonNode query = queries.get("active_pointer");
        Document pointer = database.getCollection(query.get("collection").asText())
                .find(bind(query.get("filter"), Map.of())).projection(bind(query.get("projection"), Map.of())).first();
        return pointer == null ? null : pointer.getString("batch_id");
    }

    private void switchReaders(String batchId) {
        database.getCollection(POINTERS).replaceOne(Filters.eq("_id", ACTIVE),
                new Document("_id", ACTIVE).append("batch_id", batchId), new ReplaceOptions().upsert(true));
    }

    private void markState(String batchId, String state) {
        database.getCollection(BATCHES).updateOne(Filters.eq("_id", batchId), Updates.set("state", state));
    }

    private void createIndex(JsonNode index) {
        IndexOptions options = new IndexOptions().name(index.get("name").asText());
        if (index.path("unique").asBoolean(false)) {
            options.unique(true);
        }
        database.getCollection(index.get("collection").asText())
                .createIndex(Document.parse(index.get("keys").toString()), options);
    }

    private <T> T lifecycle(String what, java.util.function.Supplier<T> work) {
        return guard(what, () -> {
            acquireLock();
            try {
                return work.get();
            } finally {
                database.getCollection(MARKER_COLLECTION).deleteOne(Filters.and(Filters.eq("_id", "lifecycle"),
                        Filters.eq("owner", lockOwner)));
            }
        });
    }

    /** A lock document serializes lifecycle changes across processes; it expires if its holder died. */
    private void acquireLock() {
        MongoCollection<Document> locks = database.getCollection(MARKER_COLLECTION);
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(60);
        while (true) {
            long now = System.currentTimeMillis();
            locks.deleteOne(Filters.and(Filters.eq("_id", "lifecycle"), Filters.lt("until", now)));
            try {
                locks.insertOne(new Document("_id", "lifecycle").append("owner", lockOwner)
                        .append("until", now + LOCK_MILLIS));
                return;
            } catch (MongoException duplicate) {
                if (System.currentTimeMillis() > deadline) {
                    throw new DesignException(name + ": another process holds the batch lifecycle lock");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DesignException(name + ": interrupted while waiting for the lifecycle lock");
                }
            }
        }
    }

    private <T> T guard(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DesignException | DesignUnavailableException | IllegalArgumentException e) {
            throw e;
        } catch (MongoException e) {
            throw new DesignException(name + ": " + what + ": " + MongoProvisioner.mask(firstLine(e.getMessage())), e);
        }
    }

    private void requireOurs(List<String> existing) {
        Document marker = existing.contains(MARKER_COLLECTION)
                ? database.getCollection(MARKER_COLLECTION).find(Filters.eq("_id", "owner")).first() : null;
        if (marker == null || !name.equals(marker.getString("design"))) {
            throw new DesignException("database " + databaseName + " exists but was not created by SchemaBench's mongo"
                    + " design; refusing to touch it (drop or rename it yourself)");
        }
    }

    private void requireReal(String what) {
        if (refusal != null) {
            throw new DesignException(name + ": no " + what + " from this server: " + refusal);
        }
    }

    static String documentId(String batchId, String productId) {
        return batchId + "|" + productId;
    }

    private static List<Document> toDocuments(List<SimilarItem> items) {
        List<Document> documents = new ArrayList<>(items.size());
        for (SimilarItem item : items) {
            documents.add(new Document(SimilarityJson.PRODUCT_ID, item.productId())
                    .append(SimilarityJson.RANK, item.rank()).append(SimilarityJson.SCORE, item.score())
                    .append(SimilarityJson.NAME, item.name()).append(SimilarityJson.BRAND, item.brand())
                    .append(SimilarityJson.CATEGORY, item.category())
                    .append(SimilarityJson.PRICE_CENTS, item.priceCents())
                    .append(SimilarityJson.RATING, item.rating()).append(SimilarityJson.IMAGE_URL, item.imageUrl()));
        }
        return documents;
    }

    /** Replaces every {@code {"$param": NAME}} in a JSON template by its bound value. */
    static Bson bind(JsonNode template, Map<String, Object> parameters) {
        return (Bson) bindValue(template, parameters);
    }

    private static Object bindValue(JsonNode node, Map<String, Object> parameters) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("$param")) {
                String name = node.get("$param").asText();
                if (!parameters.containsKey(name)) {
                    throw new DesignException("schemas/mongo/queries.json uses unknown parameter " + name);
                }
                return parameters.get(name);
            }
            Document document = new Document();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals("_comment")) {
                    document.append(field.getKey(), bindValue(field.getValue(), parameters));
                }
            }
            return document;
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(bindValue(element, parameters)));
            return values;
        }
        if (node.isInt() || node.isLong()) {
            return node.asLong() <= Integer.MAX_VALUE && node.asLong() >= Integer.MIN_VALUE ? node.asInt() : node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new DesignException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
