package dev.schemabench.catalog;

import java.util.Locale;

/** Which products a {@link ProductUpdateStream} changes. */
public enum UpdateSkew {

    /**
     * The read popularity, the default: products are chosen like reads ({@link ZipfianKeys}, constant
     * {@value ZipfianKeys#DEFAULT_CONSTANT}, the same popularity order), so popular products change as often as they
     * are viewed. The draws are independent of the read sequence.
     */
    READS,

    /** Every catalog product equally likely. */
    UNIFORM;

    /** The profile spelling: {@code reads} or {@code uniform}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value for a profile spelling ({@code reads} or {@code uniform}, any case). */
    public static UpdateSkew parse(String key) {
        for (UpdateSkew skew : values()) {
            if (skew.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
                return skew;
            }
        }
        throw new IllegalArgumentException("update skew must be reads or uniform, got " + key);
    }
}
