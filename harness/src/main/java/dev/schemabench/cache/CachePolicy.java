package dev.schemabench.cache;

import java.util.Locale;

/** How a cached answer stops being served after the database changes. */
public enum CachePolicy {
    /**
     * Keys carry the active batch id: activation makes every old key unreachable at once in the process that
     * activated, and within the version-check interval elsewhere; entries live until evicted.
     */
    VERSIONED,
    /** Keys carry no version; an entry is served until its time to live runs out, whatever was activated since. */
    TTL;

    /** The name used in configuration and results, for example {@code versioned}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named {@code id}, ignoring case. */
    public static CachePolicy parse(String id) {
        for (CachePolicy policy : values()) {
            if (policy.id().equalsIgnoreCase(id.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown cache policy '" + id + "' (versioned or ttl)");
    }
}
