package dev.schemabench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which code this is: the project version and the git commit the build was made from, stamped into
 * {@code version.properties} by the harness build (maven-antrun-plugin, see harness/pom.xml). Printed by
 * {@code --version} on every command and recorded in results.json as {@code environment.schemabench_version}.
 *
 * @param projectVersion the Maven project version, for example {@code 0.1.0-SNAPSHOT}; {@code unknown} when the
 *                       classes were not built by Maven
 * @param commit         the full commit id, or empty when the build ran outside a git checkout (or without git)
 * @param dirty          whether tracked files differed from that commit when the build ran
 */
public record Version(String projectVersion, String commit, boolean dirty) {

    /** The stamp file, beside this class. */
    static final String RESOURCE = "version.properties";

    /** Characters of the commit id shown; enough to be unique in this repository for a long time. */
    static final int SHORT_COMMIT = 12;

    private static final Version CURRENT = load();

    /** The version of the running code. */
    public static Version current() {
        return CURRENT;
    }

    /**
     * One line, for example {@code 0.1.0-SNAPSHOT (commit 4aa3bde1c2d3)}, {@code 0.1.0-SNAPSHOT (commit
     * 4aa3bde1c2d3-dirty)} or {@code 0.1.0-SNAPSHOT (built outside git)}.
     */
    public String describe() {
        if (commit.isEmpty()) {
            return projectVersion + " (built outside git)";
        }
        String shortCommit = commit.length() > SHORT_COMMIT ? commit.substring(0, SHORT_COMMIT) : commit;
        return projectVersion + " (commit " + shortCommit + (dirty ? "-dirty" : "") + ")";
    }

    static Version load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new Version("unknown", "", false);
            }
            Properties stamp = new Properties();
            stamp.load(in);
            return parse(stamp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version stamp " + RESOURCE, e);
        }
    }

    static Version parse(Properties stamp) {
        String commit = stamp.getProperty("commit", "").strip();
        if (!commit.matches("[0-9a-f]{7,64}")) {
            commit = "";
        }
        return new Version(stamp.getProperty("version", "unknown").strip(), commit,
                Boolean.parseBoolean(stamp.getProperty("dirty", "false").strip()));
    }
}
