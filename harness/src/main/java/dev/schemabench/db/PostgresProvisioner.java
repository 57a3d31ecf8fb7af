package dev.schemabench.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Provides the PostgreSQL server a run uses, in this order: an existing server ({@code --pg-url}), a Testcontainers
 * container ({@code --pg testcontainers}), or by default an embedded server SchemaBench starts and stops itself.
 */
public final class PostgresProvisioner {

    /** Where the server comes from. */
    public enum Source {
        EMBEDDED, EXTERNAL, TESTCONTAINERS;

        public static Source parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown PostgreSQL source '" + text
                        + "' (expected embedded or testcontainers, or give --pg-url)");
            }
        }
    }

    /**
     * What the user asked for.
     *
     * @param source   where the server comes from
     * @param url      for {@link Source#EXTERNAL}: {@code jdbc:postgresql://host:port/db}
     * @param user     user name for an external server
     * @param password password for an external server, or null
     */
    public record Request(Source source, String url, String user, String password) {

        public static Request embedded() {
            return new Request(Source.EMBEDDED, null, null, null);
        }
    }

    /** Settings for the embedded server; recorded with every run like any other server's settings. */
    public static final List<String> EMBEDDED_SETTINGS = List.of(
            "max_connections=100", "shared_buffers=256MB", "timezone=UTC");

    private PostgresProvisioner() {
    }

    /**
     * Provides a reachable server or throws {@link ProvisioningException} within seconds with the reason.
     */
    public static PostgresHandle provision(Request request) {
        return switch (request.source()) {
            case EMBEDDED -> EmbeddedPostgres.start(EMBEDDED_SETTINGS);
            case EXTERNAL -> external(request);
            case TESTCONTAINERS -> TestcontainersPostgres.start();
        };
    }

    private static PostgresHandle external(Request request) {
        String url = request.url();
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new ProvisioningException("--pg-url must look like jdbc:postgresql://HOST:PORT/DB, got "
                    + PostgresServer.mask(url));
        }
        String user = request.user() != null ? request.user() : System.getenv().getOrDefault("PGUSER", "postgres");
        String password = request.password() != null ? request.password() : System.getenv("PGPASSWORD");
        PostgresServer server = new PostgresServer(url, user, password, "external");
        try (Connection connection = server.connect()) {
            connection.isValid((int) PostgresServer.CONNECT_TIMEOUT.toSeconds());
        } catch (SQLException e) {
            throw new ProvisioningException("cannot reach PostgreSQL at " + server.displayUrl() + " as " + user + ": "
                    + PostgresServer.mask(firstLine(e.getMessage())), e);
        }
        return new PostgresHandle() {
            @Override
            public PostgresServer server() {
                return server;
            }

            @Override
            public void close() {
                // An external server is not ours to stop.
            }
        };
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
