package dev.schemabench.design;

/** A design cannot run on this machine or configuration; the message says how to make it available. */
public class DesignUnavailableException extends RuntimeException {

    public DesignUnavailableException(String message) {
        super(message);
    }
}
