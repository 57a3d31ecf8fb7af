package dev.schemabench.cache;

/**
 * A role a served design may play: counters to add to the service's {@code /metrics}, in the Prometheus text format.
 * Thread-safe; called on each scrape.
 */
public interface CacheMetrics {

    /** Lines of the Prometheus text format, each ending in a newline. */
    String prometheusText();
}
