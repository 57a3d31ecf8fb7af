package dev.schemabench.report;

import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One saved run as the report sees it: its results, read into the typed model, and the latency distributions read
 * from the HdrHistogram interval logs its designs reference ({@code artifacts.<level>_histogram_log}, nanoseconds,
 * relative to the run folder). Only files inside the run folder are read; a missing or unreadable log becomes a note, not an
 * error, and the chart shows that distribution as absent. Immutable after {@link #load}; not for concurrent mutation
 * of the histograms it hands out.
 *
 * @param resultsFile   the results.json read, absolute
 * @param results       its results, read by {@link ResultsFile#load}
 * @param distributions per design name, per level ({@code storage}, {@code service}, ...), all intervals summed
 * @param notes         per design name, what could not be read and why
 */
public record LoadedRun(Path resultsFile, RunResults results, Map<String, Map<String, Histogram>> distributions,
                        Map<String, List<String>> notes) {

    /** The artifact key suffix that marks an HdrHistogram interval log. */
    static final String HISTOGRAM_LOG_SUFFIX = "_histogram_log";

    /**
     * Reads a results file and the histogram logs it references.
     *
     * @throws IllegalArgumentException with a one-line reason when the results file itself is unusable
     */
    public static LoadedRun load(Path resultsFile) {
        Path file = resultsFile.toAbsolutePath().normalize();
        RunResults results = ResultsFile.load(file);
        Path runDirectory = file.getParent();
        Map<String, Map<String, Histogram>> distributions = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (RunResults.Design design : results.designs()) {
            String name = Text.or(design.name(), "?");
            Map<String, Histogram> levels = new LinkedHashMap<>();
            List<String> designNotes = new ArrayList<>();
            Map<String, String> artifacts = design.artifacts() == null ? Map.of() : design.artifacts();
            for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
                if (!artifact.getKey().endsWith(HISTOGRAM_LOG_SUFFIX) || artifact.getValue() == null) {
                    continue;
                }
                String level = artifact.getKey().substring(0, artifact.getKey().length()
                        - HISTOGRAM_LOG_SUFFIX.length());
                String relative = artifact.getValue();
                try {
                    levels.put(level, readLog(runDirectory, relative));
                } catch (IllegalStateException e) {
                    designNotes.add(level + "-level histogram log " + relative + ": " + e.getMessage());
                }
            }
            distributions.put(name, Collections.unmodifiableMap(levels));
            notes.put(name, List.copyOf(designNotes));
        }
        return new LoadedRun(file, results, Collections.unmodifiableMap(distributions),
                Collections.unmodifiableMap(notes));
    }

    /** The folder results.json lives in; artifacts are relative to it. */
    public Path runDirectory() {
        return resultsFile.getParent();
    }

    /** The run id, or the folder name when the file has none. */
    public String id() {
        String id = results.run().id();
        return id == null ? runDirectory().getFileName().toString() : id;
    }

    /** The summed distribution of one design at one level, or null when the run has no readable log for it. */
    public Histogram distribution(String design, String level) {
        return distributions.getOrDefault(design, Map.of()).get(level);
    }

    /** What could not be read for a design. */
    public List<String> notes(String design) {
        return notes.getOrDefault(design, List.of());
    }

    private static Histogram readLog(Path runDirectory, String relative) {
        Path log = runDirectory.resolve(relative).normalize();
        if (!log.startsWith(runDirectory)) {
            throw new IllegalStateException("outside the run folder, not read");
        }
        if (!Files.isRegularFile(log)) {
            throw new IllegalStateException("missing");
        }
        Histogram sum = new Histogram(3);
        try {
            HistogramLogReader reader = new HistogramLogReader(log.toFile());
            try {
                EncodableHistogram interval;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    if (interval instanceof Histogram histogram) {
                        sum.add(histogram);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("missing", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable (" + e.getClass().getSimpleName() + ")", e);
        }
        if (sum.getTotalCount() == 0) {
            throw new IllegalStateException("holds no recorded values");
        }
        return sum;
    }
}
