package dev.schemabench.report;

import dev.schemabench.results.ResultsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report folder from saved results only: {@code index.html} and {@code summary.md} (and, when a single run
 * is rendered into another folder, a byte-for-byte copy of its {@code results.json}). Everything is read and
 * rendered in memory first; only then is each file written to a temporary file and renamed into place, so bad input
 * or a rendering error leaves the folder as it was.
 */
public final class ReportWriter {

    /** The formats written, in order. */
    public static final List<ReportFormat> FORMATS = List.of(new HtmlRenderer(), new MarkdownSummary());

    private ReportWriter() {
    }

    /**
     * Renders one run into the folder of its results file (the way {@code compare} ends).
     *
     * @return the files written
     * @throws IllegalArgumentException with a one-line reason when the results file is unusable
     */
    public static List<Path> write(Path resultsFile) throws IOException {
        return write(List.of(resultsFile), resultsFile.toAbsolutePath().normalize().getParent());
    }

    /**
     * Renders one run, or compares two (before, after), into {@code outputDirectory} (created when missing).
     *
     * @return the files written
     * @throws IllegalArgumentException with a one-line reason for unusable input: a missing, unreadable or malformed
     *                                  results file, an unknown schema version, or an output folder that would lose
     *                                  something (a file in its place, another run's results.json, a compared run's
     *                                  own report)
     */
    public static List<Path> write(List<Path> resultsFiles, Path outputDirectory) throws IOException {
        return write(resultsFiles, outputDirectory, false, false);
    }

    /**
     * Renders one run, compares two (before, after), or renders several side by side (three or more, or two with
     * {@code sideBySide}) into {@code outputDirectory}.
     *
     * @param allowFingerprintChange side by side: render runs whose fingerprints differ instead of refusing them
     * @return the files written
     * @throws IllegalArgumentException as {@link #write(List, Path)}, and for runs side by side whose fingerprints
     *                                  differ (naming the fields) unless allowed
     */
    public static List<Path> write(List<Path> resultsFiles, Path outputDirectory, boolean sideBySide,
                                   boolean allowFingerprintChange) throws IOException {
        Path out = outputDirectory.toAbsolutePath().normalize();
        List<LoadedRun> runs = new ArrayList<>();
        for (Path file : resultsFiles) {
            runs.add(LoadedRun.load(file));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        }
        ReportInput input = new ReportInput(runs, out, sideBySide, allowFingerprintChange);
        if (input.sideBySide()) {
            new SideBySide(runs, allowFingerprintChange);
        }
        Map<Path, byte[]> files = new LinkedHashMap<>();
        if (runs.size() >= 2) {
            for (LoadedRun run : runs) {
                if (run.runDirectory().equals(out)) {
                    throw new IllegalArgumentException("--out " + out + " is the folder of run " + run.id()
                            + "; a comparison goes to a folder of its own");
                }
            }
        } else if (!runs.get(0).runDirectory().equals(out)) {
            byte[] results = Files.readAllBytes(runs.get(0).resultsFile());
            Path copy = out.resolve(ResultsFile.NAME);
            if (Files.exists(copy) && !Arrays.equals(Files.readAllBytes(copy), results)) {
                throw new IllegalArgumentException("--out " + out + " already holds a different " + ResultsFile.NAME
                        + "; choose another folder");
            }
            files.put(copy, results);
        }
        for (ReportFormat format : FORMATS) {
            files.put(out.resolve(format.fileName()), format.render(input).getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(out);
        writeAll(files);
        return List.copyOf(files.keySet());
    }

    /** The default folder for comparing two runs: {@code reports/compare-<before>-vs-<after>} beside the second. */
    public static Path defaultComparisonFolder(Path before, Path after) {
        LoadedRun first = LoadedRun.load(before);
        LoadedRun second = LoadedRun.load(after);
        Path parent = second.runDirectory().getParent();
        String name = ("compare-" + first.id() + "-vs-" + second.id()).replaceAll("[^A-Za-z0-9._-]+", "_");
        return (parent == null ? second.runDirectory() : parent).resolve(name);
    }

    /** The default folder for runs side by side: {@code runs-<first>-to-<last>} beside the last run's folder. */
    public static Path defaultSideBySideFolder(List<Path> resultsFiles) {
        LoadedRun first = LoadedRun.load(resultsFiles.get(0));
        LoadedRun last = LoadedRun.load(resultsFiles.get(resultsFiles.size() - 1));
        Path parent = last.runDirectory().getParent();
        String name = ("runs-" + first.id() + "-to-" + last.id()).replaceAll("[^A-Za-z0-9._-]+", "_");
        return (parent == null ? last.runDirectory() : parent).resolve(name);
    }

    /** Temporary files are created owner-only; a report is meant to be shared like any generated page. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes every file to a temporary sibling first, then renames each into place. */
    private static void writeAll(Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> temporaries = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                Path target = file.getKey();
                Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                temporaries.put(target, temporary);
                Files.write(temporary, file.getValue());
                readableByAll(temporary);
            }
            for (Map.Entry<Path, Path> entry : temporaries.entrySet()) {
                try {
                    Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            for (Path temporary : temporaries.values()) {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
