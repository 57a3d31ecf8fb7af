package dev.schemabench.measure;

/**
 * The intended start time of the operation the current thread is about to issue, set by a load driver and read by
 * the {@link MeasuredReads} it drives, so latency counts from when a request should have started, not from when a
 * late thread got to it (no coordinated omission). Per thread; allocation-free after the first use.
 */
public final class IntendedStart {

    private static final long UNSET = Long.MIN_VALUE;
    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[] {UNSET});

    private IntendedStart() {
    }

    /** Sets the intended start, in {@link System#nanoTime()} units, of this thread's next operation. */
    public static void set(long nanoTime) {
        NANOS.get()[0] = nanoTime;
    }

    /** Returns and clears the intended start, or {@code now} when none was set. */
    public static long take(long now) {
        long[] slot = NANOS.get();
        long intended = slot[0];
        slot[0] = UNSET;
        return intended == UNSET ? now : intended;
    }
}
