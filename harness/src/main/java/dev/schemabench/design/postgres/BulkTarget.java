package dev.schemabench.design.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Where a design's bulk path goes: its statements, in order, and the rows of each {@code COPY ... FROM STDIN}. The
 * server runs them inside the staging transaction; {@link PsqlScript} writes them down so that {@code psql} can
 * replay the same statements with the same bytes.
 */
interface BulkTarget {

    /** Runs (or records) one statement without parameters. */
    void execute(String sql) throws SQLException;

    /** Starts (or records) {@code copyFromStdin}, a {@code COPY ... FROM STDIN}; the caller writes and finishes it. */
    CopyWriter copy(String copyFromStdin) throws SQLException;

    /** The bulk path sent to the server over {@code connection}, in the caller's transaction. */
    static BulkTarget server(Connection connection) {
        return new BulkTarget() {
            @Override
            public void execute(String sql) throws SQLException {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            @Override
            public CopyWriter copy(String copyFromStdin) throws SQLException {
                return CopyWriter.toServer(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyFromStdin));
            }
        };
    }
}
