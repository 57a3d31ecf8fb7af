package dev.schemabench.db;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provisioned PostgreSQL server; closing it stops the server if SchemaBench started it. Idempotent. Its
 * capabilities: {@link WalMeter} (WAL bytes written) and {@link PostgresServer} (the connection settings PostgreSQL's
 * native clients, psql and pgbench, need to reach the same server).
 */
public interface PostgresHandle extends DatabaseServer {

    PostgresServer server();

    /** The postmaster's process id when the server runs on this machine and SchemaBench knows it. */
    @Override
    default java.util.OptionalLong serverPid() {
        return java.util.OptionalLong.empty();
    }

    @Override
    default String engine() {
        return Engines.POSTGRESQL;
    }

    @Override
    default String origin() {
        return server().origin();
    }

    @Override
    default String displayUrl() {
        return server().displayUrl();
    }

    @Override
    default boolean answers(java.time.Duration timeout) {
        try (java.sql.Connection connection = server().connect()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /**
     * A server whose postmaster runs on this machine is reachable while that process lives (nothing is sent to it);
     * any other while its first host accepts a TCP connection: refused means gone, a connection that does not
     * complete within a second means a slow or distant server, not a lost one.
     */
    @Override
    default boolean reachable() {
        OptionalLong pid = serverPid();
        if (pid.isPresent()) {
            return ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        }
        return server().listens(Duration.ofSeconds(1));
    }

    @Override
    default <C> Optional<C> capability(Class<C> type) {
        if (type == WalMeter.class) {
            return Optional.of(type.cast(new WalMeter(server())));
        }
        if (type == PostgresServer.class) {
            return Optional.of(type.cast(server()));
        }
        return Optional.empty();
    }

    /** A handle over a server someone else provisioned and will stop; closing it does nothing. */
    static PostgresHandle of(PostgresServer server) {
        return new PostgresHandle() {
            @Override
            public PostgresServer server() {
                return server;
            }

            @Override
            public void close() {
                // Not ours to stop.
            }
        };
    }

    @Override
    void close();
}
