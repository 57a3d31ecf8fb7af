package dev.schemabench.scenarios.jmh;

import dev.schemabench.db.EmbeddedPostgres;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import dev.schemabench.design.StorageDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.SecretFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL server a benchmark trial uses: the one named by {@value #URL_PROPERTY} (or the environment variable
 * {@value #URL_ENV}), else an embedded server the trial starts and stops itself. The password is read from
 * {@value #PASSWORD_PROPERTY} (visible on the command line), else from the owner-only file named by
 * {@value #PASSWORD_FILE_ENV} (how the suite passes it), else from {@value #PASSWORD_ENV}. One instance per trial;
 * not thread-safe.
 */
final class BenchmarkDatabase implements AutoCloseable {

    static final String URL_PROPERTY = "schemabench.pg.url";
    static final String USER_PROPERTY = "schemabench.pg.user";
    static final String PASSWORD_PROPERTY = "schemabench.pg.password";
    static final String URL_ENV = EnvironmentVariables.PG_URL;
    static final String USER_ENV = EnvironmentVariables.PG_USER;
    static final String PASSWORD_ENV = EnvironmentVariables.PG_PASSWORD;
    static final String PASSWORD_FILE_ENV = EnvironmentVariables.PG_PASSWORD_FILE;

    /** Looks up whether a namespace exists, without creating it. */
    private static final String NAMESPACE_EXISTS = "SELECT count(*) FROM pg_namespace WHERE nspname = ?";

    private final PostgresServer server;
    private final EmbeddedPostgres embedded;

    private BenchmarkDatabase(PostgresServer server, EmbeddedPostgres embedded) {
        this.server = server;
        this.embedded = embedded;
    }

    /** The configured server, or a new embedded one (about 5 s to start). */
    static BenchmarkDatabase open() {
        String url = setting(URL_PROPERTY, URL_ENV);
        if (url != null && !url.isBlank()) {
            String user = setting(USER_PROPERTY, USER_ENV);
            return new BenchmarkDatabase(new PostgresServer(url, user == null ? "postgres" : user,
                    password(System.getenv()), "external"), null);
        }
        EmbeddedPostgres started = EmbeddedPostgres.start(PostgresProvisioner.EMBEDDED_SETTINGS);
        return new BenchmarkDatabase(started.server(), started);
    }

    /** True when the server was given from outside and may hold data of others (for example the suite's). */
    boolean external() {
        return embedded == null;
    }

    PostgresServer server() {
        return server;
    }

    /** Builds the registered design {@code name} over this server with {@code poolSize} connections. */
    StorageDesign design(String name, int poolSize) {
        DesignRegistry.Entry entry = DesignRegistry.find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown design '" + name + "' (known: " + String.join(", ", DesignRegistry.names()) + ")"));
        return entry.factory().create(new DesignContext(Home.schemas(), () -> server, poolSize));
    }

    /** Whether the design's namespace exists already. */
    boolean namespaceExists(String namespace) {
        try (Connection connection = server.connect();
             PreparedStatement statement = connection.prepareStatement(NAMESPACE_EXISTS)) {
            statement.setString(1, namespace);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + server.displayUrl() + ": "
                    + PostgresServer.mask(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The password from the property, else the file {@code environment} names, else the environment's variable. */
    static String password(Map<String, String> environment) {
        String property = System.getProperty(PASSWORD_PROPERTY);
        String file = environment.get(PASSWORD_FILE_ENV);
        if (property != null || file == null || file.isBlank()) {
            return property != null ? property : environment.get(PASSWORD_ENV);
        }
        return SecretFile.read(Path.of(file), "PostgreSQL password");
    }

    private static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentVariable);
    }
}
