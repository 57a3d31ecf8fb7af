package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} end to end on the embedded PostgreSQL, with a shortened quick profile. */
class CompareEndToEndIT {

    private static final String[] SHORT_QUICK = {"--profile", "quick", "--products", "3000", "--duration", "4s",
        "--warmup", "1s", "--rate", "300", "--settle", "1s", "--churn-weeks", "2"};

    @TempDir
    Path temp;

    @Test
    void quickRunWritesResultsWithTheContractShape() throws java.io.IOException {
        Path out = temp.resolve("run");
        CliRun run = compare(out);
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains(out.resolve("index.html").toString()), run.out());

        JsonNode results = ResultsFile.read(out.resolve("results.json"));
        assertEquals(1, results.get("schema_version").asInt());
        JsonNode recorded = ResultsFile.read(Path.of(System.getProperty("schemabench.home"))
                .resolve("harness/src/test/resources/report/run/results.json"));
        assertSameStructure("run", recorded.get("run"), results.get("run"));
        assertSameStructure("designs[jsonb]", recorded.get("designs").get(0), results.get("designs").get(0));
        assertTrue(results.get("designs").get(0).get("stages").has("storage_level"), "stages are recorded");
        JsonNode runInfo = results.get("run");
        for (String field : List.of("id", "started_at", "profile", "seed", "products", "recs_per_product",
                "environment")) {
            assertTrue(runInfo.hasNonNull(field), "run." + field);
        }
        assertEquals(3000, runInfo.get("products").asInt());
        assertEquals("command line (--products)", runInfo.get("config_sources").get("products").asText());
        assertTrue(runInfo.get("environment").get("postgres").get("version").asText().startsWith("PostgreSQL 17"));
        assertEquals(64, runInfo.get("environment").get("data").get("batch_sha256").asText().length());

        List<String> names = new ArrayList<>();
        for (JsonNode design : results.get("designs")) {
            names.add(design.get("name").asText());
            assertEquals("measured", design.get("status").asText(), design.toString());
            assertTrue(design.get("reason").isNull());
            JsonNode latency = design.get("storage_level");
            for (String field : List.of("p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "ops", "errors",
                    "throughput_ops_s", "target_rate_ops_s")) {
                assertTrue(latency.has(field), "storage_level." + field);
            }
            double p50 = latency.get("p50_ms").asDouble();
            double p99 = latency.get("p99_ms").asDouble();
            assertTrue(p50 > 0 && p50 <= latency.get("p95_ms").asDouble() && p99 >= latency.get("p95_ms").asDouble()
                    && latency.get("p999_ms").asDouble() >= p99
                    && latency.get("max_ms").asDouble() >= latency.get("p999_ms").asDouble(), latency.toString());
            assertTrue(latency.get("ops").asLong() > 0);
            assertEquals(0, latency.get("errors").asLong());
            JsonNode footprint = design.get("footprint");
            for (String field : List.of("table_bytes", "index_bytes", "total_bytes", "bytes_per_product")) {
                assertTrue(footprint.get(field).asDouble() > 0, "footprint." + field + " > 0");
            }
            assertTrue(footprint.has("toast_bytes"));
            assertTrue(footprint.get("indexes").size() > 0);
            for (JsonNode index : footprint.get("indexes")) {
                assertTrue(index.get("bytes").asLong() > 0 && !index.get("name").asText().isEmpty());
            }
            assertTrue(design.get("plan").isArray() && design.get("plan").get(0).has("Plan"));
            assertTrue(design.get("equivalence").get("first_difference").isNull(), "answers match the truth");
            for (JsonNode index : footprint.get("indexes")) {
                assertTrue(index.get("build_ms").asDouble() > 0, "build time of " + index);
            }
            JsonNode refresh = design.get("refresh");
            JsonNode reads = refresh.get("reads_during_refresh");
            assertTrue(reads.get("ops").asLong() > 0, refresh.toString());
            assertEquals(0, reads.get("errors").asLong() + reads.get("empty").asLong() + reads.get("mixed").asLong(),
                    "no failed, empty or mixed read during the refresh: " + reads);
            assertTrue(refresh.get("zero_downtime").asBoolean());
            for (String field : List.of("stage_ms", "activate_ms", "rollback_ms", "wal_bytes")) {
                assertTrue(refresh.get(field).asDouble() > 0, "refresh." + field);
            }
            assertTrue(refresh.get("timeline").size() > 0);
            JsonNode churn = design.get("footprint_after_churn");
            assertTrue(churn.get("before_cleanup").get("total_bytes").asLong() > 0);
            assertTrue(churn.get("after_cleanup").get("total_bytes").asLong() > 0);
            assertEquals(2, churn.get("retained").asInt());
            JsonNode indexCost = design.get("index_cost");
            assertTrue(indexCost.get("stage_ms_with_indexes").asDouble() > 0);
            assertTrue(indexCost.get("stage_ms_without_indexes").asDouble() > 0);
            JsonNode cpu = design.get("cpu");
            assertTrue(cpu.get("harness_s").asDouble() > 0 && cpu.get("database_s").asDouble() > 0, cpu.toString());
            Path log = out.resolve(design.get("artifacts").get("storage_histogram_log").asText());
            assertTrue(Files.isRegularFile(log), log.toString());
            assertJmh(out, design);
            assertHttpOverhead(out, design);
            assertProductUpdates(design);
        }
        assertEquals(List.of("jsonb", "normalized"), names);
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("id=\"chart-latency-storage\""),
                "the report draws the storage-level distribution from the run's histogram logs");
        assertTrue(Files.isRegularFile(out.resolve("summary.md")));
    }

    /**
     * The harness's tests run before the scenarios jar is packaged, so on a fresh checkout JMH cannot run: then the
     * design says why and stays measured. When the jar exists (a later build), its figures must be in order.
     */
    /** The quick profile measures what HTTP adds at the storage level's rate; its shape, never its figures. */
    /**
     * Every field a results file recorded by an earlier release holds is still written, objects recursively (a fresh
     * file may add fields, never drop or rename one). The run's environment and configuration describe the machine
     * and profile, not the layout, and are compared at their top level only.
     */
    private static void assertSameStructure(String path, JsonNode recorded, JsonNode fresh) {
        java.util.Iterator<String> names = recorded.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertTrue(fresh.has(name), path + "." + name + " is written as before");
            JsonNode before = recorded.get(name);
            JsonNode now = fresh.get(name);
            if (before.isObject() && now.isObject() && !List.of("environment", "config", "config_sources", "plan",
                    "artifacts", "settings").contains(name)) {
                assertSameStructure(path + "." + name, before, now);
            }
        }
    }

    private static void assertHttpOverhead(Path out, JsonNode design) {
        JsonNode overhead = design.get("http_overhead");
        assertTrue(overhead.isObject(), design.get("http_overhead_note").toString());
        assertTrue(design.get("http_overhead_note").isNull());
        assertEquals(300.0, overhead.get("rate_ops_s").asDouble(), "the storage level's rate");
        for (String field : List.of("seconds", "storage_p50_ms", "storage_p99_ms", "http_p50_ms", "http_p99_ms",
                "warmup_s")) {
            assertTrue(overhead.get(field).asDouble() > 0, "http_overhead." + field);
        }
        assertEquals(overhead.get("http_p50_ms").asDouble() - overhead.get("storage_p50_ms").asDouble(),
                overhead.get("added_p50_ms").asDouble(), 0.0015);
        assertEquals(overhead.get("http_p99_ms").asDouble() - overhead.get("storage_p99_ms").asDouble(),
                overhead.get("added_p99_ms").asDouble(), 0.0015);
        assertEquals(0, overhead.get("errors").asLong(), overhead.toString());
        assertTrue(overhead.get("storage_ops").asLong() > 0);
        assertEquals(overhead.get("storage_ops").asLong(), overhead.get("http_ops").asLong(), overhead.toString());
        assertTrue(overhead.get("client").asText().startsWith("SchemaBench HttpConnection"), overhead.toString());
        assertTrue(overhead.get("http_cpu").get("database_s").asDouble() > 0, overhead.toString());
        Path log = out.resolve(design.get("artifacts").get("http_overhead_histograms").asText());
        assertTrue(Files.isRegularFile(log), log.toString());
    }

    private static void assertJmh(Path out, JsonNode design) {
        JsonNode jmh = design.get("jmh");
        JsonNode artifacts = design.get("artifacts");
        if (jmh.isNull()) {
            assertFalse(artifacts.get("jmh_unavailable").asText().isBlank(), artifacts.toString());
            return;
        }
        assertTrue(Files.isRegularFile(out.resolve(artifacts.get("jmh_point_read").asText())), artifacts.toString());
        JsonNode read = jmh.get("point_read");
        assertEquals("sample", read.get("mode").asText());
        assertTrue(read.get("samples").asLong() > 0 && read.get("p50_ms").asDouble() > 0
                && read.get("p50_ms").asDouble() <= read.get("p99_ms").asDouble()
                && read.get("p99_ms").asDouble() <= read.get("max_ms").asDouble(), read.toString());
    }

    @Test
    void aDesignThatCannotRunIsSkippedWithItsReasonAndTheRunSucceeds() throws Exception {
        Path out = temp.resolve("run");
        CliRun run = CliRun.of("compare", "--profile", tinyProfile().toString(), "--designs", "jsonb,mongo",
                "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode designs = ResultsFile.read(out.resolve("results.json")).get("designs");
        assertEquals(2, designs.size());
        assertEquals("measured", designs.get(0).get("status").asText());
        assertEquals("skipped", designs.get(1).get("status").asText());
        assertFalse(designs.get(1).get("reason").asText().isBlank());
        assertTrue(designs.get(1).get("storage_level").isNull(), "no figure for a skipped design");
    }

    @Test
    void mongoOnSomethingThatIsNotARealMongodIsCheckedButNeverTimed() {
        de.bwaldvogel.mongo.MongoServer fake = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        java.net.InetSocketAddress address = fake.bind();
        try {
            Path out = temp.resolve("run");
            CliRun run = compare(out, "--designs", "mongo", "--mongo-uri",
                    "mongodb://" + address.getHostString() + ":" + address.getPort());
            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            JsonNode mongo = ResultsFile.read(out.resolve("results.json")).get("designs").get(0);
            assertEquals("skipped", mongo.get("status").asText(), mongo.toString());
            assertTrue(mongo.get("reason").asText().contains("not a real mongod"), mongo.toString());
            assertTrue(mongo.get("equivalence").get("first_difference").isNull(), "answers were checked and match");
            for (String figure : List.of("storage_level", "footprint", "plan", "refresh", "cpu")) {
                assertTrue(mongo.get(figure).isNull(), figure + " must not be reported for an imitation");
            }
        } finally {
            fake.shutdown();
        }
    }

    @Test
    void anUnreachableMongoIsSkippedWithinSeconds() {
        Path out = temp.resolve("run");
        long start = System.nanoTime();
        CliRun run = compare(out, "--designs", "mongo", "--mongo-uri", "mongodb://user:hunter2@127.0.0.1:1");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode mongo = ResultsFile.read(out.resolve("results.json")).get("designs").get(0);
        assertEquals("skipped", mongo.get("status").asText());
        assertTrue(mongo.get("reason").asText().contains("did not answer"), mongo.toString());
        assertFalse(Files.exists(out) && readAll(out).contains("hunter2"), "the password never reaches the results");
        assertFalse(run.out().contains("hunter2") || run.err().contains("hunter2"));
        assertTrue(seconds < 30, "skipped quickly, took " + seconds + " s");
    }

    /**
     * The quick profile's product updates: a copying design rewrites many lists per update with a heavy tail, the
     * normalized one exactly one row; under apply no reader sees an old value, under defer a copying design's readers
     * do; every list is the truth after apply.
     */
    private static void assertProductUpdates(JsonNode design) {
        JsonNode updates = design.get("product_updates");
        assertTrue(updates != null && updates.get("strategies").size() == 2, design.get("name") + ": " + updates);
        JsonNode apply = updates.get("strategies").get(0);
        JsonNode defer = updates.get("strategies").get(1);
        assertEquals("apply", apply.get("strategy").asText());
        assertEquals(0, apply.get("errors").asLong(), apply.toString());
        assertTrue(apply.get("updates").asLong() > 20, apply.toString());
        assertTrue(apply.get("latency").get("p99_ms").asDouble() > 0, apply.toString());
        assertTrue(apply.get("wal_bytes_per_update").asDouble() > 0, apply.toString());
        JsonNode fanOut = apply.get("fan_out");
        assertEquals(0, apply.get("freshness").get("stale_reads").asLong(), apply.toString());
        assertEquals(0, apply.get("freshness").get("wrong_reads").asLong(), apply.toString());
        JsonNode after = apply.get("after_stream");
        assertEquals(after.get("lists").asLong(), after.get("current").asLong(), after.toString());
        if (design.get("name").asText().equals("jsonb")) {
            assertTrue(fanOut.get("mean").asDouble() > 5, "a copying design rewrites many lists: " + fanOut);
            assertTrue(fanOut.get("max").asLong() > 3 * fanOut.get("p50").asLong(), "a heavy tail: " + fanOut);
            assertTrue(defer.get("freshness").get("stale_reads").asLong() > 0, defer.toString());
            assertEquals(0, defer.get("freshness").get("wrong_reads").asLong(), defer.toString());
        } else {
            assertEquals(1.0, fanOut.get("mean").asDouble(), fanOut.toString());
            assertEquals(1, fanOut.get("max").asLong(), fanOut.toString());
            assertTrue(defer.hasNonNull("note"), "nothing to defer in normalized: " + defer);
        }
    }

    /** A profile with only the storage-level parts, small: for tests about the run's shape, not its figures. */
    private Path tinyProfile() throws java.io.IOException {
        Path profile = temp.resolve("tiny.profile");
        Files.writeString(profile, String.join("\n", "# tiny: only what these tests need", "products = 500",
                "recs = 10", "rate = 100", "duration = 1s", "warmup = 0s", "slices = 1", "sample = 10", "settle = 0s",
                "churn_weeks = 1", "calibration_rate = 0", "service_level = off", "jmh_iterations = 0", "cache = off",
                "designs = jsonb,normalized", ""));
        return profile;
    }

    @Test
    void onAnExternalServerTheSchemasAreDroppedUnlessKeepDataIsGivenAndLeftoversAreReloaded() throws Exception {
        Path profile = tinyProfile();
        dev.schemabench.db.EmbeddedPostgres external = dev.schemabench.db.EmbeddedPostgres.start(
                dev.schemabench.db.PostgresProvisioner.EMBEDDED_SETTINGS);
        try {
            String url = external.server().jdbcUrl();
            CliRun dropped = CliRun.of("compare", "--profile", profile.toString(), "--pg-url", url,
                    "--out", temp.resolve("dropped").toString());
            assertEquals(ExitCode.OK, dropped.exitCode(), dropped.err());
            assertEquals(List.of(), schemabenchSchemas(external), "dropped after the run by default");

            CliRun kept = CliRun.of("compare", "--profile", profile.toString(), "--pg-url", url, "--keep-data",
                    "--out", temp.resolve("kept").toString());
            assertEquals(ExitCode.OK, kept.exitCode(), kept.err());
            assertEquals(List.of("schemabench_jsonb", "schemabench_normalized"), schemabenchSchemas(external));

            CliRun again = CliRun.of("compare", "--profile", profile.toString(), "--pg-url", url,
                    "--out", temp.resolve("again").toString());
            assertEquals(ExitCode.OK, again.exitCode(), again.err());
            for (String schema : List.of("schemabench_jsonb", "schemabench_normalized")) {
                assertEquals(1, again.err().lines().filter(line -> line.contains(schema + " is left from an earlier"
                        + " run") && line.contains("dropping it and loading")).count(), again.err());
            }
            assertEquals(List.of(), schemabenchSchemas(external), "the leftovers were dropped and loaded afresh");
        } finally {
            external.close();
        }
    }

    private static List<String> schemabenchSchemas(dev.schemabench.db.EmbeddedPostgres server) throws Exception {
        List<String> schemas = new ArrayList<>();
        try (java.sql.Connection connection = server.server().connect();
             java.sql.ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'schemabench%' ORDER BY nspname")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    private static String readAll(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            StringBuilder text = new StringBuilder();
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CliRun compare(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(List.of(SHORT_QUICK));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }
}
