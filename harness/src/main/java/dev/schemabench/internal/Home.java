package dev.schemabench.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SchemaBench checkout a process works from: the {@code schemabench.home} system property (set by the launch
 * scripts), else the first directory upwards from the working directory that holds {@code schemas/}.
 */
public final class Home {

    public static final String PROPERTY = "schemabench.home";

    /** Overrides where {@link #schemas()} is, for a child JVM that must read the same schema files as its parent. */
    public static final String SCHEMAS_PROPERTY = "schemabench.schemas";

    private Home() {
    }

    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path current = Path.of("").toAbsolutePath();
        for (Path candidate = current; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("schemas"))) {
                return candidate;
            }
        }
        return current;
    }

    public static Path schemas() {
        String configured = System.getProperty(SCHEMAS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return directory().resolve("schemas");
    }

    public static Path reports() {
        return directory().resolve("reports");
    }
}
