package dev.schemabench.measure;

/**
 * Settles the harness's heap between a warm-up and a measurement, outside any timed window. What the harness keeps
 * for a whole stage (the keys to read, the expected answers) is young when the stage starts; left there, every young
 * collection during the measurement copies it again until it ages out, and those pauses land on the reads being
 * timed (measured on 2 cores, reads over HTTP at 1,000/s: 12 to 16 MB of survivors, G1 young pauses of 10 to 28 ms;
 * after a full collection, 1 MB of survivors and pauses of 2 to 4 ms). A full collection first moves it to the old
 * generation, so the young collections left are those of the reads themselves.
 */
public final class HeapSettle {

    private HeapSettle() {
    }

    /** Requests a full collection; returns once the JVM has run it (a no-op under {@code -XX:+DisableExplicitGC}). */
    public static void settle() {
        System.gc();
    }
}
