package dev.schemabench.cli;

import dev.schemabench.cache.CacheKind;
import dev.schemabench.cache.CacheSettings;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.CatalogGenerator;
import dev.schemabench.catalog.CatalogSpec;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarityList;
import dev.schemabench.db.DatabaseServer;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.DesignUnavailableException;
import dev.schemabench.design.StageOutcome;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.service.ServiceConfig;
import dev.schemabench.service.SimilarityService;
import dev.schemabench.service.internal.ApiHandler;
import dev.schemabench.shared.SecretFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.HostAndPort;

/**
 * {@code schemabench serve}: the similarity service over one design until SIGTERM or Ctrl-C. With the embedded
 * PostgreSQL and no active batch it generates, stages and activates batch 1 first.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        sortOptions = false,
        description = "Serves the similarity HTTP API over one storage design.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--design", required = true, paramLabel = "NAME", completionCandidates = DesignNames.class,
            description = "The design to serve, one of: ${COMPLETION-CANDIDATES}.")
    String design;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 for any).")
    int port = ServiceConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = ServiceConfig.DEFAULT_BIND;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Mixin
    ServeCacheOptions cache = new ServeCacheOptions();

    @Option(names = "--products", paramLabel = "N",
            description = "Products generated for the first batch and for generate=true (default: ${DEFAULT-VALUE}).")
    int products = 10_000;

    @Option(names = "--recs", paramLabel = "K", description = "Recommendations per product (default: ${DEFAULT-VALUE}).")
    int recs = 20;

    @Option(names = "--seed", paramLabel = "S", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--pool", paramLabel = "N", description = "Database connections, as the profile key pool"
            + " (default: ${DEFAULT-VALUE}, for 2 cores shared with the database).")
    int pool = DEFAULT_POOL;

    @Option(names = "--pool-size", paramLabel = "N", hidden = true, description = "Deprecated name of --pool.")
    Integer deprecatedPoolSize;

    @Option(names = "--http-threads", paramLabel = "N",
            description = "Most HTTP server threads (default: ${DEFAULT-VALUE}).")
    int httpThreads = ServiceConfig.DEFAULT_MAX_THREADS;

    @Option(names = "--threads", paramLabel = "N", hidden = true, description = "Deprecated name of --http-threads"
            + " (the profile key threads means reader threads).")
    Integer deprecatedThreads;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes = ServiceConfig.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Enables the admin routes with this bearer"
            + " token (default: $" + ServiceConfig.ADMIN_TOKEN_ENV + "; no admin routes when neither is set).")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "Reads the admin token from the first"
            + " line of FILE, which only its owner may read (default: $" + ServiceConfig.ADMIN_TOKEN_FILE_ENV + ");"
            + " keeps the token out of the process list and the environment.")
    java.nio.file.Path adminTokenFile;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            description = "How long a shutdown waits for in-flight requests (default: ${DEFAULT-VALUE}).")
    int shutdownSeconds = (int) ServiceConfig.DEFAULT_SHUTDOWN_TIMEOUT.toSeconds();

    static final int DEFAULT_POOL = 4;

    @Override
    public Integer call() {
        if (deprecatedPoolSize != null) {
            System.err.println("warning: --pool-size is deprecated; use --pool (the profile key's name)");
            pool = deprecatedPoolSize;
        }
        if (deprecatedThreads != null) {
            System.err.println("warning: serve --threads is deprecated; use --http-threads (the profile key threads"
                    + " means reader threads)");
            httpThreads = deprecatedThreads;
        }
        DatabaseOptions.Postgres postgresSettings = database.postgres(System.getenv(), System.err);
        String pgUrl = postgresSettings.url();
        String mongoUri = database.mongoUri(System.getenv(), System.err);
        DesignRegistry.Entry entry = DesignRegistry.find(design).orElseThrow(() -> new UsageException(
                "unknown design '" + design + "' (expected one of " + String.join(", ", DesignRegistry.names()) + ")"));
        ServiceConfig config = config();
        CatalogSpec catalog = config.catalog();
        CacheSettings cacheSettings = cache.kind().isPresent() ? cache.settings(catalog.products()) : null;
        HostAndPort existingRedis = cacheSettings != null && cacheSettings.kind() == CacheKind.REDIS
                ? cache.existingRedis(cache.redisUrl) : null;
        PrintStream out = System.out;
        PostgresHandle[] postgres = new PostgresHandle[1];
        Supplier<PostgresServer> server = () -> {
            if (postgres[0] == null) {
                if (pgUrl == null) {
                    out.println("starting an embedded PostgreSQL ...");
                }
                postgres[0] = PostgresProvisioner.provision(pgUrl == null ? PostgresProvisioner.Request.embedded()
                        : new PostgresProvisioner.Request(PostgresProvisioner.Source.EXTERNAL, pgUrl,
                                postgresSettings.user(), postgresSettings.password()));
                postgres[0].handOverShutdown();
            }
            return postgres[0].server();
        };
        MongoHandle[] mongo = new MongoHandle[1];
        Supplier<MongoHandle> mongoServer = () -> {
            if (mongo[0] == null) {
                mongo[0] = MongoProvisioner.provision(mongoUri);
            }
            return mongo[0];
        };
        StorageDesign storage;
        try {
            storage = entry.factory().create(new DesignContext(Home.schemas(), server, pool, mongoServer));
        } catch (DesignUnavailableException | IllegalArgumentException e) {
            if (mongo[0] != null) {
                mongo[0].close();
            }
            throw new UsageException(e.getMessage(), e);
        }
        boolean ownDatabase = mongo[0] != null ? !"external".equals(mongo[0].origin()) : pgUrl == null;
        SimilarityService service = null;
        ServeCacheOptions.Served[] cached = new ServeCacheOptions.Served[1];
        try {
            storage.ensureSchema();
            if (storage.activeBatch().isEmpty()) {
                if (ownDatabase) {
                    loadFirstBatch(storage, catalog, out);
                } else {
                    out.println("note: " + storage.name() + " has no active batch; /ready answers 503 until one is"
                            + " staged and activated through the admin routes");
                }
            }
            if (cacheSettings != null) {
                cached[0] = cache.wrap(storage, cacheSettings, existingRedis, httpThreads, ApiHandler.DEFAULT_LIMIT,
                        out);
            }
            StorageDesign served = cached[0] != null ? cached[0].design() : storage;
            try {
                DatabaseServer watched = mongo[0] != null ? mongo[0] : postgres[0];
                service = watched == null ? SimilarityService.start(served, config)
                        : SimilarityService.start(served, config, watched);
            } catch (IllegalStateException e) {
                throw new UsageException(e.getMessage() + " (is --port in use or --bind not an address of this"
                        + " machine?)", e);
            }
        } catch (RuntimeException e) {
            shutDown(null, cached[0], storage, postgres[0], mongo[0]);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SimilarityService running = service;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping: draining in-flight requests (at most " + shutdownSeconds + " s) ...");
            shutDown(running, cached[0], storage, postgres[0], mongo[0]);
            stopped.countDown();
        }, "schemabench-serve-stop"));
        String example = CatalogGenerator.productId(Math.min(42, catalog.products() - 1));
        out.println("serving design " + storage.name() + (cached[0] == null ? "" : " behind a "
                + cacheSettings.label() + " cache") + " at " + service.baseUri()
                + (config.adminToken().isPresent() ? " (admin routes enabled)" : ""));
        out.println("try: curl '" + service.baseUri() + "/v1/products/" + example + "/similar?limit=3'");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    private ServiceConfig config() {
        CatalogSpec catalog;
        try {
            catalog = new CatalogSpec(products, recs, seed, CatalogSpec.DEFAULT_CHURN_SHARE);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (pool < 1 || pool > 200) {
            throw new UsageException("--pool must be 1 to 200, got " + pool);
        }
        if (shutdownSeconds < 0) {
            throw new UsageException("--shutdown-timeout must not be negative");
        }
        String tokenFile = adminTokenFile != null ? adminTokenFile.toString()
                : System.getenv(ServiceConfig.ADMIN_TOKEN_FILE_ENV);
        String token;
        try {
            token = adminToken != null ? adminToken
                    : tokenFile != null && !tokenFile.isBlank()
                    ? SecretFile.read(Path.of(tokenFile), "admin token").strip()
                    : System.getenv(ServiceConfig.ADMIN_TOKEN_ENV);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        try {
            return new ServiceConfig(bind, port, httpThreads, maxBodyBytes, Optional.ofNullable(token),
                    Duration.ofSeconds(shutdownSeconds), ServiceConfig.DEFAULT_RETRY_AFTER, catalog);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void loadFirstBatch(StorageDesign storage, CatalogSpec catalog, PrintStream out) {
        Batch batch = new ProgressBatch(new CatalogGenerator(catalog).batch(1), out);
        out.printf("no active batch: generating and staging %s (%,d products x %d recommendations, seed %d)%n",
                batch.id(), catalog.products(), catalog.recsPerProduct(), catalog.seed());
        long start = System.nanoTime();
        StageOutcome outcome = storage.stage(batch);
        if (outcome instanceof StageOutcome.DuplicateBatch) {
            out.println(batch.id() + " was already staged; activating it");
        }
        storage.activate(batch.id());
        out.printf("activated %s in %.1f s%n", batch.id(), (System.nanoTime() - start) / 1e9);
    }

    private static void shutDown(SimilarityService service, ServeCacheOptions.Served cached, StorageDesign storage,
                                 PostgresHandle postgres, MongoHandle mongo) {
        try {
            if (service != null) {
                service.close();
            }
        } catch (RuntimeException e) {
            System.err.println("warning: " + e.getMessage());
        } finally {
            if (cached != null) {
                cached.close();
            } else {
                storage.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            if (mongo != null) {
                mongo.close();
            }
        }
    }

    /** Reports staging progress in tenths while a design streams the lists. */
    private record ProgressBatch(Batch delegate, PrintStream out) implements Batch {

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public int productCount() {
            return delegate.productCount();
        }

        @Override
        public Stream<Product> products() {
            return delegate.products();
        }

        @Override
        public Stream<SimilarityList> lists() {
            AtomicInteger done = new AtomicInteger();
            int total = delegate.productCount();
            return delegate.lists().peek(list -> {
                int count = done.incrementAndGet();
                if (count % Math.max(1, total / 10) == 0 || count == total) {
                    out.printf("  staged %,d of %,d lists (%d%%)%n", count, total, 100L * count / total);
                }
            });
        }
    }
}
