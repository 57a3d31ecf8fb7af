package dev.schemabench.design;

/** A design could not do what was asked: the database failed or refused. The message is meant for a user. */
public class DesignException extends RuntimeException {

    public DesignException(String message) {
        super(message);
    }

    public DesignException(String message, Throwable cause) {
        super(message, cause);
    }
}
