package dev.schemabench.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach one PostgreSQL server. The password is kept out of {@link #toString()} and of every URL this class
 * prints; {@link #displayUrl()} is safe to log and to store in results.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/database}, without credentials
 * @param user     user name
 * @param password password, or null
 * @param origin   where the server comes from: {@code embedded}, {@code external} or {@code testcontainers}
 */
public record PostgresServer(String jdbcUrl, String user, String password, String origin) {

    /** Connect and login timeouts: a user learns within seconds that a server does not answer. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Upper bound on any single network read; statements carry their own shorter timeouts. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);

    /** The URL with any {@code password=...} parameter masked. */
    public String displayUrl() {
        return mask(jdbcUrl);
    }

    /** Masks passwords in a JDBC URL or any text that may contain one. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("(?i)(password=)[^&;\\s]*", "$1***")
                .replaceAll("(//[^/:@\\s]+:)[^@/\\s]+@", "$1***@");
    }

    /**
     * Whether the first host of the URL accepts a TCP connection: false when it is refused or the host is unknown,
     * true when it is accepted or does not complete within {@code timeout} (slow is not gone). Opens no session.
     */
    public boolean listens(Duration timeout) {
        Matcher address = Pattern.compile("^jdbc:postgresql://(?:\\[([^\\]]+)\\]|([^/,:?]+))(?::(\\d+))?").matcher(jdbcUrl);
        if (!address.find()) {
            return true;
        }
        String host = address.group(1) != null ? address.group(1) : address.group(2);
        int port = address.group(3) == null ? 5432 : Integer.parseInt(address.group(3));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (ConnectException | UnknownHostException | NoRouteToHostException gone) {
            return false;
        } catch (IOException slow) {
            return true;
        }
    }

    /** A single new connection, for administrative work. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, connectionProperties(null, "schemabench"));
    }

    /**
     * A connection pool whose connections use {@code schema} as search path.
     *
     * @param schema          the schema to put first on the search path
     * @param size            maximum connections
     * @param applicationName shown in {@code pg_stat_activity}
     * @param statementTimeout server-side limit on each statement; a transaction may raise it with {@code SET LOCAL}
     */
    public HikariDataSource newPool(String schema, int size, String applicationName, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        Properties properties = connectionProperties(schema, applicationName);
        properties.setProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        config.setPoolName("schemabench-" + applicationName);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    private Properties connectionProperties(String schema, String applicationName) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (schema != null) {
            properties.setProperty("currentSchema", schema);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("loginTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        // Server-side prepared statements from the first execution: every read is a prepared statement.
        properties.setProperty("prepareThreshold", "1");
        return properties;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + displayUrl() + ", user=" + user + ", origin=" + origin + "]";
    }
}
