package dev.schemabench.cli;

/** The user asked for something unusable; the message is the one line they will read. Exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
