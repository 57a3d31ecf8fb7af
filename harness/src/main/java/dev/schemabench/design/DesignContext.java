package dev.schemabench.design;

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
 */
public record DesignContext(Path schemasRoot, Supplier<PostgresServer> postgres, int poolSize) {
}
