package dev.schemabench.service.internal;

/**
 * A request ends with an error response: HTTP status, a stable machine-readable code and a one-line message for the
 * client. Never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, 0, null);
    }

    public ApiException(int status, String code, String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The value of the {@code error} field, for example {@code invalid_product_id}. */
    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }
}
