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
 * @param copy        1 for a design itself; 2 and up for an independent copy of it (an A/A check), which runs under
 *                    {@link #instanceName its own name} in its own schema or database with its own data
 */
public record DesignContext(Path schemasRoot, int poolSize, Engines engines, int copy) {

    /** What separates a design's name from its copy number: {@code jsonb#2}. */
    public static final String COPY_MARK = "#";

    public DesignContext {
        if (copy < 1) {
            throw new IllegalArgumentException("copy numbers start at 1, got " + copy);
        }
    }

    /** A context for the designs themselves (copy 1). */
    public DesignContext(Path schemasRoot, int poolSize, Engines engines) {
        this(schemasRoot, poolSize, engines, 1);
    }

    /** A context over one PostgreSQL server someone else provisioned, and MongoDB from {@code mongo}. */
    public DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize,
                         Supplier<MongoHandle> mongo) {
        this(schemasRoot, poolSize, Engines.of(() -> PostgresHandle.of(postgres.get()), mongo));
    }

    /** A context whose MongoDB comes from {@code MONGO_URI}, Docker or a mongod on PATH. */
    public DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize) {
        this(schemasRoot, postgres, poolSize, () -> MongoProvisioner.provision(null));
    }

    /** The same context for copy {@code number} of a design. */
    public DesignContext withCopy(int number) {
        return new DesignContext(schemasRoot, poolSize, engines, number);
    }

    /**
     * The name the design registered as {@code base} runs under here: {@code base} itself, or {@code base#N} for copy
     * N. Results, reports and gate budgets see this name; a copy's schema or database derives from it.
     */
    public String instanceName(String base) {
        return copy == 1 ? base : base + COPY_MARK + copy;
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
