package dev.schemabench.cli;

import dev.schemabench.shared.EnvironmentVariables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The database connection options shared by {@code compare} and {@code serve}, and the one way they are resolved:
 * an option wins, then its {@code SCHEMABENCH_*} environment variable, then libpq's {@code PGUSER} and
 * {@code PGPASSWORD}, then the default. A password never needs to be on the command line: it comes from
 * {@code --pg-password-file}, {@code SCHEMABENCH_PG_PASSWORD} or {@code PGPASSWORD}; {@code --pg-password} still
 * works but warns, because {@code ps} shows it to every user of the machine.
 */
final class DatabaseOptions {

    static final String ENV_PG_URL = EnvironmentVariables.PG_URL;
    static final String ENV_PG_USER = EnvironmentVariables.PG_USER;
    static final String ENV_PG_PASSWORD = EnvironmentVariables.PG_PASSWORD;
    static final String ENV_PG_PASSWORD_FILE = EnvironmentVariables.PG_PASSWORD_FILE;
    static final String ENV_MONGO_URI = EnvironmentVariables.MONGO_URI;
    /** libpq's variables, honoured after SchemaBench's own. */
    static final String LIBPQ_USER = "PGUSER";
    static final String LIBPQ_PASSWORD = "PGPASSWORD";
    /** The earlier name of {@link #ENV_MONGO_URI}; still read, with a warning. */
    static final String DEPRECATED_MONGO_URI = "MONGO_URI";

    static final String DEFAULT_PG_USER = "postgres";

    @Option(names = "--pg-url", paramLabel = "URL", description = "An existing PostgreSQL:"
            + " jdbc:postgresql://HOST:PORT/DB (default: $" + ENV_PG_URL + ", else an embedded server).")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", description = "User for --pg-url (default: $" + ENV_PG_USER
            + ", else $" + LIBPQ_USER + ", else " + DEFAULT_PG_USER + ").")
    String pgUser;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "File whose first line is the password"
            + " for --pg-url (default: $" + ENV_PG_PASSWORD_FILE + "; else the password is $" + ENV_PG_PASSWORD
            + ", else $" + LIBPQ_PASSWORD + ").")
    Path pgPasswordFile;

    @Option(names = "--pg-password", paramLabel = "PASSWORD", hidden = true,
            description = "Deprecated: visible to every user through ps; use --pg-password-file or $"
                    + ENV_PG_PASSWORD + ".")
    String pgPassword;

    @Option(names = "--mongo-uri", paramLabel = "URI", description = "MongoDB 6+ for the mongo design (default: $"
            + ENV_MONGO_URI + ", else Testcontainers when Docker runs, else a mongod on PATH or $MONGOD_BIN);"
            + " never printed with its password.")
    String mongoUri;

    /** The resolved PostgreSQL connection: {@code url} null means "start our own server". */
    record Postgres(String url, String user, String password) {
    }

    /** Resolves the PostgreSQL settings from these options and {@code environment}, warning on {@code warnings}. */
    Postgres postgres(Map<String, String> environment, PrintStream warnings) {
        String url = firstSet(pgUrl, environment.get(ENV_PG_URL));
        String user = firstSet(pgUser, environment.get(ENV_PG_USER), environment.get(LIBPQ_USER), DEFAULT_PG_USER);
        String password;
        if (pgPassword != null) {
            warnings.println("warning: --pg-password is deprecated: every user of this machine can read it with ps;"
                    + " use --pg-password-file FILE or $" + ENV_PG_PASSWORD);
            password = pgPassword;
        } else {
            Path file = pgPasswordFile != null ? pgPasswordFile
                    : blankToNull(environment.get(ENV_PG_PASSWORD_FILE)) != null
                    ? Path.of(environment.get(ENV_PG_PASSWORD_FILE)) : null;
            password = file != null ? readPassword(file)
                    : firstSet(environment.get(ENV_PG_PASSWORD), environment.get(LIBPQ_PASSWORD));
        }
        return new Postgres(url, user, password);
    }

    /** The MongoDB connection string, or null to provision one. */
    String mongoUri(Map<String, String> environment, PrintStream warnings) {
        String uri = firstSet(mongoUri, environment.get(ENV_MONGO_URI));
        if (uri == null && blankToNull(environment.get(DEPRECATED_MONGO_URI)) != null) {
            warnings.println("warning: $" + DEPRECATED_MONGO_URI + " is deprecated; set $" + ENV_MONGO_URI
                    + " instead");
            uri = environment.get(DEPRECATED_MONGO_URI);
        }
        if (uri != null && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            throw new UsageException("--mongo-uri must start with mongodb:// or mongodb+srv://, got "
                    + dev.schemabench.db.MongoProvisioner.mask(uri));
        }
        return uri;
    }

    private static String readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String password = (newline >= 0 ? text.substring(0, newline) : text).strip();
            if (password.isEmpty()) {
                throw new UsageException("--pg-password-file " + file + ": the first line is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UsageException("--pg-password-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (blankToNull(value) != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
