package dev.schemabench.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report renders: one run, or two runs to compare (before, after).
 *
 * @param runs             one or two loaded runs
 * @param outputDirectory  the folder the report is written to, absolute: links to run files are relative to it
 */
public record ReportInput(List<LoadedRun> runs, Path outputDirectory) {

    public ReportInput {
        if (runs.isEmpty() || runs.size() > 2) {
            throw new IllegalArgumentException("a report renders one run or compares two, got " + runs.size());
        }
        runs = List.copyOf(runs);
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
    }

    /** True when two runs are compared. */
    public boolean comparison() {
        return runs.size() == 2;
    }

    /** The only run, or the first (before) of a comparison. */
    public LoadedRun first() {
        return runs.get(0);
    }

    /** The second run (after) of a comparison. */
    public LoadedRun second() {
        return runs.get(1);
    }

    /** A link from the report to a file of a run, relative when possible, with forward slashes. */
    public String link(LoadedRun run, String relativeToRun) {
        Path target = run.runDirectory().resolve(relativeToRun).normalize();
        String link;
        try {
            link = outputDirectory.relativize(target).toString().replace('\\', '/').replace("%", "%25")
                    .replace("#", "%23").replace("?", "%3F").replace(" ", "%20");
        } catch (IllegalArgumentException e) {
            link = target.toUri().toString();
        }
        return link;
    }
}
