package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JMH's JSON results and building the child's command line, without running JMH. */
class JmhRunnerTest {

    /** Trimmed from a real JMH 1.37 result: one SampleTime result in us/op, one SingleShotTime result in ms/op. */
    private static final String RESULTS = """
            [ {
                "benchmark" : "dev.schemabench.scenarios.jmh.PointReadBenchmark.similar",
                "mode" : "sample", "threads" : 4, "forks" : 1,
                "params" : { "design" : "jsonb", "products" : "10000", "recs" : "20", "seed" : "42" },
                "primaryMetric" : {
                    "score" : 527.866, "scoreError" : 21.244, "scoreUnit" : "us/op",
                    "scorePercentiles" : { "0.0" : 102.784, "50.0" : 343.04, "99.0" : 4382.72, "99.9" : 11606.721,
                                           "100.0" : 107216.896 },
                    "rawDataHistogram" : [ [ [ [ 102.784, 3 ], [ 343.04, 5 ] ], [ [ 107216.896, 2 ] ] ] ]
                }
            }, {
                "benchmark" : "dev.schemabench.scenarios.jmh.BatchStageBenchmark.stage",
                "mode" : "ss", "threads" : 1, "forks" : 1,
                "params" : { "design" : "normalized", "products" : "10000", "recs" : "20", "seed" : "42" },
                "primaryMetric" : {
                    "score" : 2083.08, "scoreError" : "NaN", "scoreUnit" : "ms/op",
                    "scorePercentiles" : { "0.0" : 2043.62, "50.0" : 2083.08, "99.0" : 2122.541, "100.0" : 2122.541 },
                    "rawData" : [ [ 2043.62, 2122.541 ] ]
                }
            } ]
            """;

    @Test
    void convertsJmhUnitsToMillisecondsAndCountsSamples() throws Exception {
        Map<String, RunResults.JmhFigure> figures = JmhRunner.parse(ResultsFile.mapper().readTree(RESULTS));

        RunResults.JmhFigure read = figures.get("jsonb");
        assertEquals("sample", read.mode());
        assertEquals(4, read.threads());
        assertEquals(10, read.samples());
        assertEquals(0.528, read.meanMs());
        assertEquals(0.021, read.errorMs());
        assertEquals(0.343, read.p50Ms());
        assertEquals(4.383, read.p99Ms());
        assertEquals(11.607, read.p999Ms());
        assertEquals(107.217, read.maxMs());

        RunResults.JmhFigure stage = figures.get("normalized");
        assertEquals("ss", stage.mode());
        assertEquals(2, stage.samples());
        assertEquals(2083.08, stage.meanMs());
        assertNull(stage.errorMs(), "JMH writes NaN when two shots give no error estimate");
        assertNull(stage.p99Ms(), "no tail percentiles from a few single shots");
        assertEquals(2122.541, stage.maxMs());
    }

    @Test
    void passesNoCredentialsOnTheCommandLine() {
        JmhRunner stage = new JmhRunner(Path.of("/repo"), Path.of("/repo/schemas"), Path.of("/run"), new dev.schemabench.db.PostgresServer(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "pg-user-x", "s3cret", "external"),
                new JmhRunner.Settings(10000, 20, 42, 4, Duration.ofSeconds(2), 2, Duration.ofMillis(1500), 0, 1));
        List<String> command = stage.pointReadCommand(List.of("jsonb", "normalized"));
        String line = String.join(" ", command);
        assertTrue(line.contains("-Dschemabench.schemas=/repo/schemas -cp /repo/" + JmhRunner.JAR), line);
        assertTrue(line.contains("-p design=jsonb,normalized"), line);
        assertTrue(line.contains("-Dschemabench.membership=skewed"), "the child generates the parent's data: " + line);
        assertTrue(line.contains("-wi 1 -w 2000ms -i 2 -r 1500ms -t 4"), line);
        assertTrue(line.contains("-rff /run/jmh/point-read.json"), line);
        assertFalse(line.contains("s3cret") || line.contains("5432") || line.contains("pg-user-x"), line);
        assertTrue(String.join(" ", stage.stageCommand(List.of("jsonb"))).contains("-wi 0 -i 1 -t 1"));
    }

    @Test
    void showsProgressLinesOnly() {
        assertTrue(JmhRunner.isProgress("Iteration   1: 531.502 ±(99.9%) 17.073 us/op"));
        assertTrue(JmhRunner.isProgress("# Parameters: (design = jsonb, products = 10000, recs = 20, seed = 42)"));
        assertFalse(JmhRunner.isProgress("     p(50.0000) =    222.720 us/op"));
        assertFalse(JmhRunner.isProgress("REMEMBER: The numbers below are just data."));
    }
}
