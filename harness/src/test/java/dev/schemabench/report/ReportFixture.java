package dev.schemabench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The fixed run under {@code src/test/resources/report/run}: a small real quick-profile run (jsonb and normalized
 * measured, with their HdrHistogram logs) plus a failed and a skipped design, and no service-level figures. Tests
 * copy it to a temporary folder so rendering never writes into the sources.
 */
final class ReportFixture {

    private ReportFixture() {
    }

    /** The source folder of test resources: the golden files live here. */
    static Path resources() {
        return Path.of(System.getProperty("schemabench.home", "..")).resolve("harness/src/test/resources/report")
                .toAbsolutePath().normalize();
    }

    /** Copies the fixture run into {@code directory} and returns its results.json. */
    static Path copyRun(Path directory) {
        Path source = resources().resolve("run");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = directory.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory.resolve("results.json");
    }
}
