package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.db.PostgresHandle;
import dev.schemabench.design.postgres.PartitionedListsDesign;
import dev.schemabench.internal.Home;
import dev.schemabench.results.RunResults;
import dev.schemabench.suite.CacheOptions;
import dev.schemabench.suite.CompareConfig;
import dev.schemabench.suite.CompareSuite;
import dev.schemabench.suite.ProfileFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design contract for the test-only {@link PartitionedListsDesign}, and the same design in a quick compare beside
 * jsonb and normalized: a new design with its own storage layout needs nothing outside its three files.
 */
class PartitionedListsDesignIT extends PostgresDesignContractIT {

    @Override
    protected StorageDesign createDesign(DesignContext context) {
        return new PartitionedListsDesign(context.postgres(),
                SchemaFiles.load(context.schemasRoot(), PartitionedListsDesign.NAME), context.poolSize());
    }

    /** The test design shows how a design is laid out in files; it leaves the product-update role out. */
    @Override
    protected boolean playsUpdates() {
        return false;
    }

    @Override
    protected Path schemasRoot() {
        return testSchemas();
    }

    @Test
    void runsInAQuickCompareBesideTheBuiltInDesigns(@TempDir Path work) throws IOException {
        PartitionedListsDesign.register();
        Path schemas = Files.createDirectories(work.resolve("schemas"));
        for (Path folder : new Path[] {Home.schemas().resolve("jsonb"), Home.schemas().resolve("normalized"),
                testSchemas().resolve(PartitionedListsDesign.NAME)}) {
            copyFolder(folder, schemas.resolve(folder.getFileName().toString()));
        }
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        // The quick profile's storage-level stages; the JMH and Gatling child JVMs build designs from the jars, which do
        // not hold this test-only design, and the calibrations are the engine's, not the design's.
        builder.set(CompareConfig.DESIGNS, "jsonb,normalized," + PartitionedListsDesign.NAME, "test")
                .set(CompareConfig.CHURN_WEEKS, "2", "test").set(CompareConfig.JMH_ITERATIONS, "0", "test")
                .set(CompareConfig.SERVICE_LEVEL, "off", "test").set(CacheOptions.CACHE, "off", "test")
                .set(CompareConfig.CALIBRATION_RATE, "0", "test").set(CompareConfig.CALIBRATION_BULK, "off", "test");
        Path out = Files.createDirectories(work.resolve("run"));
        CompareSuite suite = new CompareSuite(builder.build(), () -> PostgresHandle.of(server()), schemas);
        CompareSuite.Outcome outcome;
        try {
            outcome = suite.run(out, "partitioned-quick");
        } finally {
            suite.close();
        }
        Map<String, RunResults.Design> designs = outcome.results().designs().stream()
                .collect(Collectors.toMap(RunResults.Design::name, design -> design));
        for (String name : new String[] {"jsonb", "normalized", PartitionedListsDesign.NAME}) {
            RunResults.Design design = designs.get(name);
            assertEquals(RunResults.MEASURED, design.status(), name + ": " + design.reason());
        }
        RunResults.Design partitioned = designs.get(PartitionedListsDesign.NAME);
        assertNotNull(partitioned.storageLevel());
        assertTrue(partitioned.storageLevel().ops() > 0 && partitioned.storageLevel().errors() == 0);
        assertEquals(null, partitioned.equivalence().firstDifference());
        assertTrue(partitioned.refresh().zeroDowntime(), partitioned.refresh()::toString);
        assertFalse(partitioned.footprintAfterChurn().retired().isEmpty(), "retention dropped a batch's partition");
        assertTrue(partitioned.footprintAfterChurn().afterCleanup().relations().stream()
                .noneMatch(relation -> partitioned.footprintAfterChurn().retired().stream()
                        .anyMatch(batch -> relation.name().startsWith("l_" + batch.replace('-', '_')))),
                "no partition of a retired batch is left");
        assertTrue(partitioned.footprint().relations().stream().anyMatch(relation -> relation.name().startsWith("l_")),
                "the footprint counts the batch partitions: " + partitioned.footprint().relations());
        assertEquals("measured", partitioned.stages().get("storage_level").status());
        assertEquals("not_measured", partitioned.stages().get("jmh").status());
        assertEquals("JMH benchmarks not run: jmh_iterations = 0", partitioned.stages().get("jmh").reason());
        assertTrue(Files.exists(out.resolve("results.json")) && Files.exists(out.resolve("index.html")));
    }

    private static Path testSchemas() {
        try {
            return Path.of(PartitionedListsDesignIT.class.getResource("/schemas").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }
}
