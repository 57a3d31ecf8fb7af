package dev.schemabench.db;

/** A provisioned PostgreSQL server; closing it stops the server if SchemaBench started it. Idempotent. */
public interface PostgresHandle extends AutoCloseable {

    PostgresServer server();

    /** The postmaster's process id when the server runs on this machine and SchemaBench knows it. */
    default java.util.OptionalLong serverPid() {
        return java.util.OptionalLong.empty();
    }

    @Override
    void close();
}
