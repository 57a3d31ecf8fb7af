package dev.schemabench.db;

import java.util.OptionalLong;

/** A reachable MongoDB server; closing it stops the server if SchemaBench started it. Idempotent. */
public interface MongoHandle extends DatabaseServer {

    /** The connection string, with credentials; never print it (use {@link #displayUri()}). */
    String uri();

    /** The connection string with any password masked. */
    default String displayUri() {
        return MongoProvisioner.mask(uri());
    }

    /** Where the server comes from: {@code external}, {@code testcontainers} or {@code mongod}. */
    @Override
    String origin();

    @Override
    default String engine() {
        return Engines.MONGODB;
    }

    @Override
    default String displayUrl() {
        return displayUri();
    }

    /** The server's process id when SchemaBench started it on this machine. */
    @Override
    default OptionalLong serverPid() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
