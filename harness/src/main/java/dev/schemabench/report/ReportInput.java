package dev.schemabench.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report renders: one run, two runs to compare (before, after), or several runs side by side.
 *
 * @param runs                   the loaded runs, at least one
 * @param outputDirectory        the folder the report is written to, absolute: links to run files are relative to it
 * @param sideBySide             render the runs side by side ({@link SideBySide}); always so for three or more
 * @param allowFingerprintChange side by side: render runs whose fingerprints differ, listing the differences
 */
public record ReportInput(List<LoadedRun> runs, Path outputDirectory, boolean sideBySide,
                          boolean allowFingerprintChange) {

    public ReportInput {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report renders at least one run");
        }
        runs = List.copyOf(runs);
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        sideBySide = runs.size() > 2 || sideBySide && runs.size() > 1;
    }

    /** One run, or a before/after comparison of two. */
    public ReportInput(List<LoadedRun> runs, Path outputDirectory) {
        this(runs, outputDirectory, false, false);
    }

    /** True when two runs are compared as before and after. */
    public boolean comparison() {
        return runs.size() == 2 && !sideBySide;
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
