package dev.schemabench.design.declared;

import java.nio.file.Path;

/**
 * A design declared in files that cannot be loaded: the message names the file and, when there is one, the line.
 * An {@link IllegalArgumentException} so that the command line reports it as unusable input (exit 2).
 */
public final class DeclarationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;

    /** A fault at {@code line} (1-based) of {@code file}, or in the file as a whole when {@code line} is 0. */
    public DeclarationException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault is the file's as a whole (a key it lacks). */
    public int line() {
        return line;
    }
}
