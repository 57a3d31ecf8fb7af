package dev.schemabench.design;

import dev.schemabench.db.Engines;
import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.PostgresHandle;
import dev.schemabench.db.PostgresServer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a design factory may use to build a design. Servers come from {@link Engines}, provisioned on first use, so a
 * run starts only what its selected designs need.
 *
 * @param schemasRoot the {@code schemas/} folder
 * @param poolSize    connections per design
 * @param engines     the run's database servers, by engine name
 */
public record DesignContext(Path schemasRoot, int poolSize, Engines engines) {

    /** A context over one PostgreSQL server someone else provisioned, and MongoDB from {@code mongo}. */
    public DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize,
                         Supplier<MongoHandle> mongo) {
        this(schemasRoot, poolSize, Engines.of(() -> PostgresHandle.of(postgres.get()), mongo));
    }

    /** A context whose MongoDB comes from {@code MONGO_URI}, Docker or a mongod on PATH. */
    public DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize) {
        this(schemasRoot, postgres, poolSize, () -> MongoProvisioner.provision(null));
    }

    /** The PostgreSQL server, provisioned on first use. */
    public PostgresServer postgres() {
        return engines.server(Engines.POSTGRESQL, PostgresHandle.class).server();
    }

    /** The MongoDB server, provisioned on first use. */
    public MongoHandle mongo() {
        return engines.server(Engines.MONGODB, MongoHandle.class);
    }
}
