package dev.schemabench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time used by processes that share the machine during a measurement: this JVM (the load generator and, when it
 * runs in-process, the service) and a PostgreSQL server with all its backends. Read from {@code /proc}, so only on
 * Linux and only for a local server; elsewhere the figures are absent. Thread-safe.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    /** CPU seconds this JVM has used (user + system). */
    public static double thisProcessSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * CPU ticks used so far by the process {@code pid} and its children (a PostgreSQL postmaster and its backends),
     * those that have exited included: the kernel adds a child's time to its parent's once the parent has waited for
     * it, as the postmaster does for every backend, autovacuum worker and parallel worker that ends. Without them, a
     * backend that ended during a measurement would take its CPU time out of the sum. Empty when {@code /proc} cannot
     * tell.
     */
    public static OptionalLong treeTicks(long pid) {
        Path proc = Path.of("/proc");
        if (pid <= 0 || !Files.isDirectory(proc)) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(entry.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                if (Long.parseLong(name) == pid || stat[0] == pid) {
                    ticks += stat[1] + stat[2] + stat[3] + stat[4];
                    found = true;
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return found ? OptionalLong.of(ticks) : OptionalLong.empty();
    }

    /**
     * The whole machine's CPU ticks so far, from the first line of {@code /proc/stat}: {busy, stolen}, where busy is
     * every process's user, nice, system, interrupt and softirq time (not idle, not I/O wait) and stolen is time the
     * hypervisor gave to other guests while this one wanted to run. Empty where {@code /proc/stat} cannot tell.
     */
    public static Optional<long[]> machineTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            Optional<String> first = lines.findFirst();
            if (first.isEmpty() || !first.get().startsWith("cpu ")) {
                return Optional.empty();
            }
            String[] fields = first.get().trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(fields[field]);
            }
            return Optional.of(new long[] {busy, fields.length > 8 ? Long.parseLong(fields[8]) : 0});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Converts {@link #treeTicks} to seconds. */
    public static double ticksToSeconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }

    /** {ppid, utime, stime, cutime, cstime} from a /proc/PID/stat file, or null when it vanished. */
    private static long[] stat(Path file) {
        try {
            String text = Files.readString(file);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
