package dev.schemabench.service.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sorts design failures into "the database is unavailable or too slow right now" (503 with {@code Retry-After}; the
 * pool heals by itself when the database returns) and everything else (500). Logs the detail server-side, at most
 * once per interval, so a database outage does not flood the log. Thread-safe.
 */
public final class Failures {

    /** SQL states meaning the connection or the server is (temporarily) gone, overloaded or too slow. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", "57P02", "57P03", // admin shutdown, crash shutdown, cannot connect now
            "57014", // query canceled: statement_timeout
            "53300", "53400", // too many connections, configuration limit exceeded
            "40001", "40P01"); // serialization failure, deadlock: retryable
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final int retryAfterSeconds;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

    public Failures(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The response for a failure of {@code what}. */
    public ApiException toApi(String what, RuntimeException failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        log(what, failure);
        if (isUnavailable(failure)) {
            return new ApiException(503, "database_unavailable",
                    "the database is unavailable or too slow right now; retry later", retryAfterSeconds, failure);
        }
        return new ApiException(500, "internal_error", what + " failed; the service log has the reason", 0, failure);
    }

    /** Whether anything in the cause chain says the database is unreachable, overloaded or timed out. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLTimeoutException
                    || cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getClass().getName().equals("org.jdbi.v3.core.ConnectionException")) {
                return true;
            }
            String message = cause.getMessage();
            if (cause instanceof SQLException && message != null && message.contains("has been closed")) {
                return true;
            }
        }
        return false;
    }

    /** SQL states meaning the server is gone or refuses connections (not merely slow or busy). */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * Whether anything in the cause chain says the database cannot be reached at all: a refused or broken
     * connection, a server shutting down, a pool that could not open a connection (as opposed to one whose
     * connections are merely all busy, which is overload, not an outage).
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof EOFException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (isA(cause.getClass(), "com.mongodb.MongoSocketException")
                    || isA(cause.getClass(), "com.mongodb.MongoTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isA(Class<?> type, String className) {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            if (at.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private void log(String what, RuntimeException failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            System.err.println("warning: " + what + " failed: " + firstLine(failure.getMessage())
                    + " (further failures within 5 s are not logged)");
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
