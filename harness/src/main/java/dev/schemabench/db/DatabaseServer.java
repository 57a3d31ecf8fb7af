package dev.schemabench.db;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provisioned database server of one engine, whatever started it (embedded, a container, a binary on PATH, or the
 * user's own). Abilities only some engines have (a WAL meter, connection settings for PostgreSQL's native clients,
 * streaming replicas) are optional capabilities: a stage asks with {@link #capability} and is skipped with a reason
 * when the answer is empty. Nothing tests a server's class.
 *
 * <p>Closing stops the server if SchemaBench started it, and is idempotent. Thread-safe.
 */
public interface DatabaseServer extends AutoCloseable {

    /** The engine's name as designs declare it, for example {@value Engines#POSTGRESQL}. */
    String engine();

    /** Where the server comes from: {@code embedded}, {@code external}, {@code testcontainers}, {@code mongod}. */
    String origin();

    /** Where it listens, with any password masked; fit to print. */
    String displayUrl();

    /** The server's process id when it runs on this machine and SchemaBench knows it (CPU is then measured). */
    default OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    /**
     * Whether the server answers a new connection now, within about {@code timeout}; a run asks after a failure, to
     * tell a lost server from a design's own failure. Servers that cannot tell say true.
     */
    default boolean answers(java.time.Duration timeout) {
        return true;
    }

    /**
     * A cheap check, fit to be called every few hundred milliseconds while a benchmark runs: false only when the
     * server is known to be gone (its process ended, its port refuses connections); a slow or busy server is
     * reachable. Returns within about a second. Servers that cannot tell cheaply say true.
     */
    default boolean reachable() {
        OptionalLong pid = serverPid();
        return pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether the server (and the data designs leave on it) outlives the run. */
    default boolean outlivesRun() {
        return "external".equals(origin());
    }

    /**
     * The caller takes over stopping the server when the JVM exits, in its own ordered shutdown (a service stops
     * taking requests before its database goes); a server that registered a shutdown hook of its own drops it.
     */
    default void handOverShutdown() {
        // Nothing registered.
    }

    /** An optional ability of this server, or empty when it has none. */
    default <C> Optional<C> capability(Class<C> type) {
        return Optional.empty();
    }

    @Override
    void close();
}
