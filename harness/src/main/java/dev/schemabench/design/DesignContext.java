package dev.schemabench.design;

import dev.schemabench.db.MongoHandle;
import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.PostgresServer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a design factory may use to build a design. Servers are supplied lazily, so a run provisions only what its
 * selected designs need.
 *
 * @param schemasRoot the {@code schemas/} folder
 * @param postgres    the PostgreSQL server, provisioned on first use
 * @param poolSize    connections per design
 * @param mongo       the MongoDB server, provisioned on first use
 */
public record DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize,
                            Supplier<MongoHandle> mongo) {

    /** A context whose MongoDB comes from {@code MONGO_URI}, Docker or a mongod on PATH. */
    public DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize) {
        this(schemasRoot, postgres, poolSize, () -> MongoProvisioner.provision(null));
    }
}
