package dev.schemabench.db;

import java.util.OptionalLong;

/** A reachable MongoDB server; closing it stops the server if SchemaBench started it. Idempotent. */
public interface MongoHandle extends AutoCloseable {

    /** The connection string, with credentials; never print it (use {@link #displayUri()}). */
    String uri();

    /** The connection string with any password masked. */
    default String displayUri() {
        return MongoProvisioner.mask(uri());
    }

    /** Where the server comes from: {@code external}, {@code testcontainers} or {@code mongod}. */
    String origin();

    /** The server's process id when SchemaBench started it on this machine. */
    default OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
