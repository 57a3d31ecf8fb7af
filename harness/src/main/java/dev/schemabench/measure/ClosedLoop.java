package dev.schemabench.measure;

import dev.schemabench.design.SimilarResult;
import dev.schemabench.design.StorageDesign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Saturation: {@code clients} threads each issue the next read as soon as the previous one returns (a closed loop,
 * like pgbench without {@code --rate}), for a fixed time, with uniformly random keys. It answers "how many reads per
 * second can this client reach", which an open model cannot; its latencies are service times, not what users see
 * under a given arrival rate.
 */
public final class ClosedLoop {

    /**
     * What a closed-loop run observed.
     *
     * @param ops       successful reads
     * @param errors    failed reads
     * @param seconds   wall time
     * @param histogram latencies in nanoseconds (each read's own service time)
     */
    public record Result(long ops, long errors, double seconds, Histogram histogram) {

        public double opsPerSecond() {
            return ops / seconds;
        }
    }

    private ClosedLoop() {
    }

    /** Runs {@code clients} readers of {@code design} for {@code duration}, keys from {@code key(random index)}. */
    public static Result run(StorageDesign design, IntFunction<String> key, int keyCount, int clients, int limit,
                             Duration duration, long seed) {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            List<Histogram> histograms = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                Histogram histogram = new Histogram(3);
                histograms.add(histogram);
                SplittableRandom random = new SplittableRandom(seed + client);
                futures.add(threads.submit(() -> {
                    long ok = 0;
                    long failed = 0;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        try {
                            SimilarResult result = design.similar(key.apply(random.nextInt(keyCount)), limit);
                            histogram.recordValue(Math.max(0, System.nanoTime() - now));
                            if (result instanceof SimilarResult.Found) {
                                ok++;
                            } else {
                                failed++;
                            }
                        } catch (RuntimeException e) {
                            failed++;
                        }
                    }
                    return new long[] {ok, failed};
                }));
            }
            long ops = 0;
            long errors = 0;
            for (Future<long[]> future : futures) {
                long[] counts = future.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
                ops += counts[0];
                errors += counts[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram total = new Histogram(3);
            histograms.forEach(total::add);
            return new Result(ops, errors, seconds, total);
        } catch (Exception e) {
            throw new IllegalStateException("closed-loop run failed: " + e.getMessage(), e);
        } finally {
            threads.shutdownNow();
        }
    }
}
