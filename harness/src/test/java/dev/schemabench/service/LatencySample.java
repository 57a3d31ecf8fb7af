package dev.schemabench.service;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies collected by a test, in microseconds, and their percentiles. Not thread-safe: one recorder per thread,
 * or synchronize.
 */
final class LatencySample {

    private long[] micros = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    int count() {
        return count;
    }

    /** The {@code percentile} (0 to 100) in milliseconds, nearest rank; 0 when empty. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
    }

    /** {@code n=…, p50=…, p99=…, max=… ms}. */
    String summary() {
        return String.format(Locale.ROOT, "n=%d, p50=%.1f ms, p99=%.1f ms, max=%.1f ms", count, percentileMillis(50),
                percentileMillis(99), percentileMillis(100));
    }
}
