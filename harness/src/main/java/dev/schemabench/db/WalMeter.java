package dev.schemabench.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's write-ahead-log position, to measure the WAL bytes an operation writes (the difference of two
 * positions). Counts every write on the server in between, so measure while nothing else writes. Thread-safe.
 */
public final class WalMeter {

    private final PostgresServer server;

    public WalMeter(PostgresServer server) {
        this.server = server;
    }

    /** Bytes of WAL written since the server's beginning. */
    public long position() {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the WAL position: " + PostgresServer.mask(e.getMessage()), e);
        }
    }
}
