package dev.schemabench.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The servers of one run, provisioned lazily in one place: only engines some selected design uses are started, each
 * at most once, and all are closed together. Not thread-safe; one per run or process.
 */
public final class Engines implements AutoCloseable {

    /** PostgreSQL, embedded or the user's ({@code --pg-url}). */
    public static final String POSTGRESQL = "postgresql";
    /** MongoDB 6+, the user's ({@code --mongo-uri}), a container or a mongod on PATH. */
    public static final String MONGODB = "mongodb";

    /** Provisions one engine's server, or throws explaining why it cannot be had. */
    @FunctionalInterface
    public interface Provisioner {
        DatabaseServer provision();
    }

    private final Map<String, Provisioner> provisioners = new LinkedHashMap<>();
    private final Map<String, DatabaseServer> servers = new LinkedHashMap<>();

    /** Adds how to provision {@code engine}; returns this. */
    public Engines with(String engine, Provisioner provisioner) {
        provisioners.put(engine, provisioner);
        return this;
    }

    /** A set of engines where PostgreSQL and MongoDB come from the given suppliers. */
    public static Engines of(Supplier<? extends PostgresHandle> postgres, Supplier<? extends MongoHandle> mongo) {
        return new Engines().with(POSTGRESQL, postgres::get).with(MONGODB, mongo::get);
    }

    /**
     * The server of {@code engine}, provisioned on first use.
     *
     * @throws IllegalArgumentException when no provisioner is known for the engine
     */
    public DatabaseServer server(String engine) {
        DatabaseServer server = servers.get(engine);
        if (server == null) {
            Provisioner provisioner = provisioners.get(engine);
            if (provisioner == null) {
                throw new IllegalArgumentException("no database engine named '" + engine + "' (known: "
                        + String.join(", ", provisioners.keySet()) + ")");
            }
            server = provisioner.provision();
            servers.put(engine, server);
        }
        return server;
    }

    /** The server of {@code engine} as the type its designs use, provisioned on first use. */
    public <S extends DatabaseServer> S server(String engine, Class<S> type) {
        DatabaseServer server = server(engine);
        if (!type.isInstance(server)) {
            throw new IllegalStateException("the " + engine + " server is not a " + type.getSimpleName());
        }
        return type.cast(server);
    }

    /** The servers provisioned so far, in the order they were. */
    public List<DatabaseServer> provisioned() {
        return new ArrayList<>(servers.values());
    }

    /** Closes every server provisioned so far. */
    @Override
    public void close() {
        for (DatabaseServer server : servers.values()) {
            server.close();
        }
        servers.clear();
    }
}
