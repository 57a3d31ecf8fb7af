package dev.schemabench.catalog;

/** SplitMix64 finalizer: turns related inputs into independent-looking 64-bit values. Pure and stateless. */
final class Mix {

    private Mix() {
    }

    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(mix(a) ^ b);
    }

    static long mix(long a, long b, long c) {
        return mix(mix(mix(a) ^ b) ^ c);
    }

    /** A uniform value in [0, 1) from {@code hash}. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A uniform value in [0, bound) from {@code hash}. */
    static int below(long hash, int bound) {
        return (int) Math.floorMod(hash, (long) bound);
    }
}
