package dev.schemabench.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Which products reads ask for, as a profile chooses it ({@code key_distribution}). Popularity ranks are scattered
 * over the catalog by the same seeded {@link PopularityOrder} list membership and updates use, so "hot" means the same
 * products everywhere. The text form ({@link #describe}) is what profiles hold and what a run's fingerprint records.
 * Immutable; every {@link #keys} call starts a fresh deterministic sequence.
 */
public sealed interface KeyDistribution {

    /** The default: Zipf with YCSB's exponent. */
    KeyDistribution DEFAULT = new Zipf(ZipfianKeys.DEFAULT_CONSTANT);

    /** The canonical text form, for example {@code zipf:0.99}, {@code uniform}, {@code hotset:0.2:0.8}. */
    String describe();

    /** A fresh key sequence over a catalog of {@code products} products, determined by {@code seed}. */
    KeySequence keys(int products, long seed);

    /** A sequence of product ids to read. Not thread-safe: one per thread. */
    interface KeySequence {

        /** The next product id to read. */
        String nextProductId();
    }

    /**
     * Zipf over popularity ranks with any positive exponent: weight {@code rank^-exponent}, drawn by Apache Commons
     * RNG's rejection-inversion sampler (Hörmann and Derflinger), which holds above 1 too.
     */
    record Zipf(double exponent) implements KeyDistribution {
        public Zipf {
            if (!(exponent > 0) || Double.isInfinite(exponent)) {
                throw new IllegalArgumentException("a Zipf exponent is a number above 0, got " + exponent);
            }
        }

        @Override
        public String describe() {
            return "zipf:" + exponent;
        }

        @Override
        public KeySequence keys(int products, long seed) {
            PopularityOrder order = new PopularityOrder(products, seed);
            UniformRandomProvider random = RandomSource.SPLIT_MIX_64.create(Mix.mix(seed, 0x5A495046L));
            org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler sampler = RejectionInversionZipfSampler.of(random, products, exponent);
            return () -> CatalogGenerator.productId(order.productAtRank(sampler.sample() - 1));
        }
    }

    /** Every product equally likely. */
    record Uniform() implements KeyDistribution {
        @Override
        public String describe() {
            return "uniform";
        }

        @Override
        public KeySequence keys(int products, long seed) {
            SplittableRandom random = new SplittableRandom(Mix.mix(seed, 0x554E4946L));
            return () -> CatalogGenerator.productId(random.nextInt(products));
        }
    }

    /**
     * A hot set: the {@code hotFraction} most popular products get {@code hotShare} of the reads, uniformly among
     * them; the rest share the remainder uniformly (YCSB's hotspot distribution).
     */
    record HotSet(double hotFraction, double hotShare) implements KeyDistribution {
        public HotSet {
            if (!(hotFraction > 0 && hotFraction < 1) || !(hotShare >= 0 && hotShare <= 1)) {
                throw new IllegalArgumentException("a hot set is hotset:FRACTION:SHARE with 0 < FRACTION < 1 and"
                        + " 0 <= SHARE <= 1, got hotset:" + hotFraction + ":" + hotShare);
            }
        }

        @Override
        public String describe() {
            return "hotset:" + hotFraction + ":" + hotShare;
        }

        @Override
        public KeySequence keys(int products, long seed) {
            PopularityOrder order = new PopularityOrder(products, seed);
            SplittableRandom random = new SplittableRandom(Mix.mix(seed, 0x484F5453L));
            int hot = Math.max(1, Math.min(products - 1, (int) Math.round(products * hotFraction)));
            return () -> {
                int rank = random.nextDouble() < hotShare ? random.nextInt(hot) : hot + random.nextInt(products - hot);
                return CatalogGenerator.productId(order.productAtRank(rank));
            };
        }
    }

    /**
     * Product ids from a file, one per line (blank lines and {@code #} comments skipped), for example a sample of a
     * production access log: replayed in order (wrapping around) or sampled uniformly. The ids are taken as they are;
     * an id the catalog lacks is read and answered "not found", as in production.
     */
    record KeyFile(Path file, boolean sample, List<String> ids) implements KeyDistribution {
        public KeyFile {
            ids = List.copyOf(ids);
        }

        /** Reads {@code file}; fails with a message naming it when it cannot be read or holds no id. */
        static KeyFile read(Path file, boolean sample) {
            List<String> ids = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String id = line.strip();
                    if (!id.isEmpty() && !id.startsWith("#")) {
                        ids.add(id);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("key file " + file + " cannot be read: " + e.getMessage());
            }
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("key file " + file + " holds no product id");
            }
            return new KeyFile(file, sample, ids);
        }

        @Override
        public String describe() {
            return "file:" + file + (sample ? ":sample" : ":replay");
        }

        @Override
        public KeySequence keys(int products, long seed) {
            if (sample) {
                SplittableRandom random = new SplittableRandom(Mix.mix(seed, 0x46494C45L));
                return () -> ids.get(random.nextInt(ids.size()));
            }
            int[] next = {0};
            return () -> ids.get(next[0]++ % ids.size());
        }
    }

    /**
     * Parses the text form: {@code zipf:EXPONENT}, {@code uniform}, {@code hotset:FRACTION:SHARE},
     * {@code file:PATH} or {@code file:PATH:replay} (in order) or {@code file:PATH:sample}.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    static KeyDistribution parse(String text) {
        String value = text == null ? "" : text.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            if (lower.equals("uniform")) {
                return new Uniform();
            }
            if (lower.startsWith("zipf:")) {
                return new Zipf(Double.parseDouble(value.substring("zipf:".length())));
            }
            if (lower.startsWith("hotset:")) {
                String[] parts = value.split(":");
                if (parts.length == 3) {
                    return new HotSet(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in key distribution '" + value + "'");
        }
        if (lower.startsWith("file:")) {
            String rest = value.substring("file:".length());
            boolean sample = rest.endsWith(":sample");
            if (sample || rest.endsWith(":replay")) {
                rest = rest.substring(0, rest.lastIndexOf(':'));
            }
            return KeyFile.read(Path.of(rest).toAbsolutePath().normalize(), sample);
        }
        throw new IllegalArgumentException("key distribution '" + value + "' is not one of zipf:EXPONENT, uniform,"
                + " hotset:FRACTION:SHARE, file:PATH[:replay|:sample]");
    }
}
