package dev.schemabench.design;

/**
 * One storage design for the "customers also viewed" service, as the roles it plays: reads ({@link DesignReads}),
 * the weekly batch lifecycle ({@link BatchLifecycle}) and inspection ({@link DesignInspection}). The service, the
 * equivalence check and the measurements never know which design they drive. Operations that later scenarios add
 * are optional roles, asked for with {@link #role}.
 *
 * <p>Lifecycle: {@link #ensureSchema()} before anything else; {@link #dropSchema()} removes only what the design
 * created. A design works in its own namespace (a PostgreSQL schema, a MongoDB database) and refuses one of that
 * name it did not create.
 *
 * <p>Threading: one instance per design per process; see each role for what may run concurrently. Designs never
 * time themselves: measurement wraps the read role.
 */
public interface StorageDesign extends DesignReads, BatchLifecycle, DesignInspection, AutoCloseable {

    /** The registered name, for example {@code jsonb}. */
    String name();

    /** The namespace the design owns, for example the schema {@code schemabench_jsonb}. */
    String namespace();

    /** Creates the namespace, tables and indexes if absent; keeps an existing one the design created. */
    void ensureSchema();

    /** Drops the namespace if this design created it; does nothing if it is absent. */
    void dropSchema();

    /** Whether the namespace exists now (for example left by an earlier run, killed or kept on purpose). */
    boolean namespaceExists();

    /**
     * An optional role this design plays (for example writing its bulk path as a psql script), or empty. Stages ask
     * for a role and are skipped with a reason when a design lacks it; nothing tests a design's class.
     */
    default <R> java.util.Optional<R> role(Class<R> role) {
        return role.isInstance(this) ? java.util.Optional.of(role.cast(this)) : java.util.Optional.empty();
    }

    /** Releases connections; the data stays. */
    @Override
    void close();
}
