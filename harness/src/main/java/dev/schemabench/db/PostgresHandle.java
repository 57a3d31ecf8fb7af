package dev.schemabench.db;

/** A provisioned PostgreSQL server; closing it stops the server if SchemaBench started it. Idempotent. */
public interface PostgresHandle extends AutoCloseable {

    PostgresServer server();

    @Override
    void close();
}
