package dev.schemabench.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long step: on a terminal, one line redrawn in place with a bar and an ETA; elsewhere (CI logs, pipes)
 * a plain line every 10 % or 10 seconds. Thread-safe; cheap enough to call per item.
 */
public final class Progress implements AutoCloseable {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long PLAIN_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastPrintNanos;
    private int lastPlainDecile = -1;
    private boolean closed;

    private Progress(PrintStream out, String label, long total, String unit, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.terminal = terminal;
    }

    /** Starts reporting a step of {@code total} {@code unit}s to standard error. */
    public static Progress start(String label, long total, String unit) {
        return new Progress(System.err, label, total, unit, isTerminal());
    }

    /** Whether standard error is an interactive terminal (and not a CI log). */
    public static boolean isTerminal() {
        return System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Prints a one-off status line, the same way on terminals and in logs. */
    public static void say(String message) {
        System.err.println(message);
    }

    /** Adds {@code count} finished units. */
    public synchronized void advance(long count) {
        done += count;
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastPrintNanos >= REDRAW_NANOS || done >= total) {
                lastPrintNanos = now;
                out.print("\r" + line(now));
                out.flush();
            }
        } else {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastPlainDecile && (decile == 10 || now - lastPrintNanos >= PLAIN_NANOS || decile % 5 == 0)) {
                lastPlainDecile = decile;
                lastPrintNanos = now;
                out.println(line(now));
            }
        }
    }

    /** Ends the step and prints its elapsed time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String summary = String.format(Locale.ROOT, "%s: %,d %s in %.1f s", label, done, unit, seconds);
        out.println(terminal ? "\r" + summary + " ".repeat(BAR_WIDTH + 20) : summary);
        out.flush();
    }

    private String line(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        double elapsed = (now - startNanos) / 1e9;
        String eta = fraction >= 1 ? "0s"
                : fraction < 0.01 || elapsed < 1 ? "?" : formatSeconds(elapsed / fraction - elapsed);
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% ETA %s", label, "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled), fraction * 100, eta);
        }
        return String.format(Locale.ROOT, "%s: %,d/%,d %s (%.0f%%), ETA %s", label, done, total, unit,
                fraction * 100, eta);
    }

    private static String formatSeconds(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 60 ? String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60) : whole + "s";
    }
}
