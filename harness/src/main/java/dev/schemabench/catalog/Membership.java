package dev.schemabench.catalog;

import java.util.Locale;

/**
 * How the generator picks the products a list recommends, which decides how many lists each product appears in.
 * Changing it changes the generated data and its digest.
 */
public enum Membership {

    /**
     * By popularity, the default: a product's chance to be drawn falls with its popularity rank as
     * {@code rank^-}{@value CatalogGenerator#MEMBERSHIP_CONSTANT}, in the same popularity order as reads, so the number
     * of lists a product appears in is heavy-tailed (see {@link CatalogGenerator}).
     */
    SKEWED,

    /**
     * Uniformly: every other product equally likely, so each product appears in about {@code recsPerProduct} lists.
     * Byte for byte the data generated before membership was skewed.
     */
    UNIFORM;

    /**
     * The system property a child JVM (JMH, Gatling) reads the parent's membership from, so both generate the same
     * data.
     */
    public static final String PROPERTY = "schemabench.membership";

    /** The membership named by {@link #PROPERTY}, {@link #SKEWED} when it is not set. */
    public static Membership fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, SKEWED.key()));
    }

    /** The profile spelling: {@code skewed} or {@code uniform}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value for a profile spelling ({@code skewed} or {@code uniform}, any case). */
    public static Membership parse(String key) {
        for (Membership membership : values()) {
            if (membership.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
                return membership;
            }
        }
        throw new IllegalArgumentException("membership must be skewed or uniform, got " + key);
    }
}
