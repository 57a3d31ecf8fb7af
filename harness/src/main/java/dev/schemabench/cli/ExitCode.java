package dev.schemabench.cli;

/** Exit codes shared by every command. */
public final class ExitCode {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** A run or a gate failed (a design failed, a regression was found); results were still written. */
    public static final int FAILURE = 1;
    /** Unusable input: a bad option, an unreadable file, an unreachable server given by the user. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
