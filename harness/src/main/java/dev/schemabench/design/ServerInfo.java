package dev.schemabench.design;

import java.util.Map;

/**
 * The database server a design runs on.
 *
 * @param product  for example {@code PostgreSQL}
 * @param version  the server's full version string
 * @param settings settings that shape performance, by name
 */
public record ServerInfo(String product, String version, Map<String, String> settings) {

    public ServerInfo {
        settings = Map.copyOf(settings);
    }
}
