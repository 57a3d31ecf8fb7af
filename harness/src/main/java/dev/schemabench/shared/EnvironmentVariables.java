package dev.schemabench.shared;

/**
 * Every environment variable SchemaBench reads, in one place, so the command line, the suite and the child processes
 * it starts (JMH, Gatling) spell them alike. One scheme, {@code SCHEMABENCH_*}; libpq's {@code PG*} variables are
 * honoured as well where a PostgreSQL client would honour them.
 */
public final class EnvironmentVariables {

    /** An existing PostgreSQL, {@code jdbc:postgresql://HOST:PORT/DB}. */
    public static final String PG_URL = "SCHEMABENCH_PG_URL";
    /** Its user. */
    public static final String PG_USER = "SCHEMABENCH_PG_USER";
    /** Its password (prefer {@link #PG_PASSWORD_FILE}). */
    public static final String PG_PASSWORD = "SCHEMABENCH_PG_PASSWORD";
    /** A file holding the password, readable only by its owner. */
    public static final String PG_PASSWORD_FILE = "SCHEMABENCH_PG_PASSWORD_FILE";
    /** An existing MongoDB, {@code mongodb://HOST:PORT}. */
    public static final String MONGO_URI = "SCHEMABENCH_MONGO_URI";
    /** The service's admin token (prefer {@link #ADMIN_TOKEN_FILE}). */
    public static final String ADMIN_TOKEN = "SCHEMABENCH_ADMIN_TOKEN";
    /** A file holding the admin token, readable only by its owner. */
    public static final String ADMIN_TOKEN_FILE = "SCHEMABENCH_ADMIN_TOKEN_FILE";
    /** Set to anything: print stack traces of unexpected failures. */
    public static final String DEBUG = "SCHEMABENCH_DEBUG";

    private EnvironmentVariables() {
    }
}
