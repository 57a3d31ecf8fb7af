package dev.schemabench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.catalog.Membership;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Home;
import dev.schemabench.internal.Progress;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import dev.schemabench.shared.DurationText;
import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.SecretFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the storage-level JMH benchmarks of {@code scenarios/} for a run, in a child JVM started by class name from the
 * scenarios jar: the harness does not depend on the scenarios module (it is the other way round), and a child JVM
 * keeps JMH's heap and JIT apart from the run's.
 *
 * <p>Two JMH invocations, each over every design: {@code PointReadBenchmark} (SampleTime, closed loop, against the
 * run's own server and the schemas the suite loaded, which it only reads) and {@code BatchStageBenchmark}
 * (SingleShotTime; it writes batches, so it runs on an embedded server of its own in the child JVM and never touches
 * the run's schemas). The server's URL, user and password reach the child through environment variables, never its
 * command line. JMH's JSON results are kept under {@code jmh/} in the run folder, with the child's whole output in
 * {@code jmh/jmh.log}.
 *
 * <p>Failures are values: a missing jar, a child that fails or times out, or a design JMH gave no result for yields
 * that design's outcome with no figures and the reason; it never throws for them. Public for the scenarios
 * module's integration test; the suite is its user. Not thread-safe; one call to {@link #run} per instance.
 */
public final class JmhRunner {

    /** The shaded scenarios jar, relative to the SchemaBench home. */
    public static final String JAR = "scenarios/target/schemabench-scenarios.jar";

    static final String MAIN_CLASS = "org.openjdk.jmh.Main";
    static final String POINT_READ = "dev.schemabench.scenarios.jmh.PointReadBenchmark";
    static final String BATCH_STAGE = "dev.schemabench.scenarios.jmh.BatchStageBenchmark";

    /** Result files, relative to the run folder. */
    public static final String POINT_READ_FILE = "jmh/point-read.json";
    public static final String BATCH_STAGE_FILE = "jmh/batch-stage.json";
    public static final String LOG_FILE = "jmh/jmh.log";

    /** Keys this stage adds to a design's {@code artifacts}. */
    public static final String ARTIFACT_POINT_READ = "jmh_point_read";
    public static final String ARTIFACT_BATCH_STAGE = "jmh_batch_stage";
    public static final String ARTIFACT_LOG = "jmh_log";
    /** Not a file: why a design has no JMH figures ({@code jmh} is null), or no batch-stage figure. */
    public static final String NOTE_UNAVAILABLE = "jmh_unavailable";
    public static final String NOTE_BATCH_STAGE_UNAVAILABLE = "jmh_batch_stage_unavailable";

    /** Environment variables the benchmarks read the server from (see the scenarios' BenchmarkDatabase). */
    static final String URL_ENV = EnvironmentVariables.PG_URL;
    static final String USER_ENV = EnvironmentVariables.PG_USER;
    static final String PASSWORD_FILE_ENV = EnvironmentVariables.PG_PASSWORD_FILE;

    /** Slack on top of the expected run time before the child is killed: JVM and server starts, loads, checks. */
    private static final Duration POINT_READ_SLACK_PER_DESIGN = Duration.ofSeconds(60);
    private static final Duration STAGE_SLACK_PER_DESIGN = Duration.ofSeconds(90);
    /** How long a stopped child may take to run its shutdown hooks before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Generous bound on staging one product's list, for the timeout only. */
    private static final double STAGE_MS_PER_PRODUCT_BOUND = 2.0;

    /**
     * What to run.
     *
     * @param products        catalog size
     * @param recs            recommendations per product
     * @param seed            data and key-sequence seed
     * @param threads         point-read benchmark threads
     * @param warmup          the point-read warm-up iteration's time; zero for none
     * @param iterations      measured point-read iterations
     * @param time            time of each measured point-read iteration
     * @param stageWarmups    unmeasured batch-stage shots before the measured ones
 * @param stageIterations measured batch-stage shots
     * @param membership      how the catalog's lists pick recommended products (passed to the child JVMs)
     */
    public record Settings(int products, int recs, long seed, int threads, Duration warmup, int iterations, Duration time,
                    int stageWarmups, int stageIterations, Membership membership) {

        /** Settings with the default (skewed) membership. */
        public Settings(int products, int recs, long seed, int threads, Duration warmup, int iterations,
                        Duration time, int stageWarmups, int stageIterations) {
            this(products, recs, seed, threads, warmup, iterations, time, stageWarmups, stageIterations,
                    Membership.SKEWED);
        }

        public static Settings of(CompareConfig config) {
            return new Settings(config.products(), config.recs(), config.seed(), config.threads(), config.jmhWarmup(),
                    config.jmhIterations(), config.jmhTime(), config.jmhStageWarmups(),
                    config.jmhStageIterations(), config.membership());
        }
    }

    /**
     * What JMH gave for one design.
     *
     * @param jmh       the figures, or null when the point-read benchmark gave none
     * @param reason    why there are no figures (or no batch-stage figure), or null
     * @param artifacts entries for the design's {@code artifacts}: result files relative to the run folder, and the
     *                  reason under {@value #NOTE_UNAVAILABLE} or {@value #NOTE_BATCH_STAGE_UNAVAILABLE}
     */
    public record DesignOutcome(RunResults.Jmh jmh, String reason, Map<String, String> artifacts) {
    }

    private final Path jar;
    private final Path home;
    private final Path schemasRoot;
    private final Path runDirectory;
    private final PostgresServer server;
    private final Settings settings;

    /**
     * @param home         the SchemaBench checkout (holds the jar)
     * @param schemasRoot  the {@code schemas/} folder the run's designs were built from
     * @param runDirectory the run folder; results go to its {@code jmh/}
     * @param server       the run's PostgreSQL, where the designs are loaded
     * @param settings     what to run
     */
    public JmhRunner(Path home, Path schemasRoot, Path runDirectory, PostgresServer server, Settings settings) {
        this.home = home;
        this.schemasRoot = schemasRoot;
        this.jar = home.resolve(JAR);
        this.runDirectory = runDirectory;
        this.server = server;
        this.settings = settings;
    }

    /** Runs both benchmarks over {@code designs} and returns one outcome per design, in order. */
    public Map<String, DesignOutcome> run(List<String> designs) {
        if (!Files.isRegularFile(jar)) {
            return unavailable(designs, "JMH benchmarks not run: " + jar + " is missing (build it with"
                    + " `mvn -q -B -DskipTests package`)", Map.of());
        }
        Path jmhDirectory = runDirectory.resolve("jmh");
        Path log = runDirectory.resolve(LOG_FILE);
        try {
            Files.createDirectories(jmhDirectory);
        } catch (IOException e) {
            return unavailable(designs, "JMH benchmarks not run: cannot create " + jmhDirectory + ": "
                    + e.getMessage(), Map.of());
        }
        Map<String, String> shared = Map.of(ARTIFACT_LOG, LOG_FILE);
        long start = System.nanoTime();
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            Progress.say("JMH point-read benchmark (closed loop, " + settings.threads() + " threads) over "
                    + String.join(", ", designs) + "; output in " + LOG_FILE);
            String pointReadFailure = invoke(pointReadCommand(designs), true, pointReadTimeout(designs.size()),
                    POINT_READ_FILE, logStream);
            Progress.say("JMH batch-stage benchmark (embedded PostgreSQL in the child JVM) over "
                    + String.join(", ", designs));
            String stageFailure = invoke(stageCommand(designs), false, stageTimeout(designs.size()),
                    BATCH_STAGE_FILE, logStream);
            Progress.say(String.format(Locale.ROOT, "JMH benchmarks finished in %.1f s",
                    (System.nanoTime() - start) / 1e9));
            Map<String, RunResults.JmhFigure> pointReads = figures(POINT_READ_FILE);
            Map<String, RunResults.JmhFigure> stages = figures(BATCH_STAGE_FILE);
            Map<String, DesignOutcome> outcomes = new LinkedHashMap<>();
            for (String design : designs) {
                Map<String, String> artifacts = new LinkedHashMap<>();
                RunResults.JmhFigure pointRead = pointReads.get(design);
                RunResults.JmhFigure stage = stages.get(design);
                if (pointRead != null) {
                    artifacts.put(ARTIFACT_POINT_READ, POINT_READ_FILE);
                }
                if (stage != null) {
                    artifacts.put(ARTIFACT_BATCH_STAGE, BATCH_STAGE_FILE);
                }
                artifacts.putAll(shared);
                String reason = null;
                if (pointRead == null) {
                    reason = "JMH point-read gave no result for " + design + ": "
                            + (pointReadFailure != null ? pointReadFailure : "see " + LOG_FILE);
                    artifacts.put(NOTE_UNAVAILABLE, reason);
                } else if (stage == null) {
                    reason = "JMH batch-stage gave no result for " + design + ": "
                            + (stageFailure != null ? stageFailure : "see " + LOG_FILE);
                    artifacts.put(NOTE_BATCH_STAGE_UNAVAILABLE, reason);
                }
                if (reason != null) {
                    Progress.say(design + ": " + reason);
                }
                outcomes.put(design, new DesignOutcome(pointRead == null ? null : new RunResults.Jmh(pointRead, stage),
                        reason, artifacts));
            }
            return outcomes;
        } catch (IOException e) {
            return unavailable(designs, "JMH benchmarks not run: " + e.getMessage(), shared);
        }
    }

    List<String> pointReadCommand(List<String> designs) {
        List<String> command = javaCommand(POINT_READ, designs);
        command.addAll(List.of("-wi", settings.warmup().isZero() ? "0" : "1", "-w", jmhTime(settings.warmup()),
                "-i", Integer.toString(settings.iterations()), "-r", jmhTime(settings.time()),
                "-t", Integer.toString(settings.threads()),
                "-rf", "json", "-rff", runDirectory.resolve(POINT_READ_FILE).toString()));
        return command;
    }

    List<String> stageCommand(List<String> designs) {
        List<String> command = javaCommand(BATCH_STAGE, designs);
        command.addAll(List.of("-wi", Integer.toString(settings.stageWarmups()),
                "-i", Integer.toString(settings.stageIterations()), "-t", "1",
                "-rf", "json", "-rff", runDirectory.resolve(BATCH_STAGE_FILE).toString()));
        return command;
    }

    private List<String> javaCommand(String benchmark, List<String> designs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // JMH's forked benchmark JVM inherits these JVM options from the JMH JVM.
        return new ArrayList<>(List.of(java, "-D" + Membership.PROPERTY + "=" + settings.membership().key(),
                "-D" + Home.PROPERTY + "=" + home,
                "-D" + Home.SCHEMAS_PROPERTY + "=" + schemasRoot, "-cp", jar.toString(), MAIN_CLASS,
                "^" + benchmark.replace(".", "\\.") + "\\.",
                "-p", "design=" + String.join(",", designs),
                "-p", "products=" + settings.products(),
                "-p", "recs=" + settings.recs(),
                "-p", "seed=" + settings.seed(),
                "-f", "1", "-foe", "false"));
    }

    private Duration pointReadTimeout(int designs) {
        Duration perDesign = settings.warmup().plus(settings.time().multipliedBy(settings.iterations()))
                .plus(POINT_READ_SLACK_PER_DESIGN);
        return perDesign.multipliedBy(designs);
    }

    private Duration stageTimeout(int designs) {
        long shotMs = Math.round(settings.products() * STAGE_MS_PER_PRODUCT_BOUND);
        Duration perDesign = Duration.ofMillis(shotMs * (settings.stageWarmups() + settings.stageIterations()))
                .plus(STAGE_SLACK_PER_DESIGN);
        return perDesign.multipliedBy(designs);
    }

    /**
     * Runs one JMH child, its output into the log and, filtered to progress lines, to the console.
     *
     * @return null when the child exited normally, else what went wrong
     */
    private String invoke(List<String> command, boolean withServer, Duration timeout, String resultFile,
                          PrintStream log) throws IOException {
        Files.deleteIfExists(runDirectory.resolve(resultFile));
        log.println("$ " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        boolean password = withServer && server != null && server.password() != null;
        try (SecretFile passwordFile = password ? SecretFile.create(server.password()) : null) {
            childEnvironment(builder.environment(), withServer, passwordFile == null ? null : passwordFile.path());
            return await(builder.start(), timeout, log);
        }
    }

    /**
     * Sets up a JMH child's {@code environment}: the run's server when {@code withServer}, its password only as the
     * path of {@code passwordFile}; no server, password or other secret inherited from this process.
     */
    void childEnvironment(Map<String, String> environment, boolean withServer, Path passwordFile) {
        SecretFile.removeSecrets(environment);
        environment.remove(URL_ENV);
        environment.remove(USER_ENV);
        environment.remove(PASSWORD_FILE_ENV);
        if (withServer && server != null) {
            environment.put(URL_ENV, server.jdbcUrl());
            environment.put(USER_ENV, server.user());
            if (passwordFile != null) {
                environment.put(PASSWORD_FILE_ENV, passwordFile.toString());
            }
        }
    }

    /** Waits for a JMH child, stopping it after {@code timeout}; null when it exited normally, else what went wrong. */
    private String await(Process process, Duration timeout, PrintStream log) {
        Thread killer = new Thread(() -> destroyTree(process.toHandle()), "schemabench-jmh-stop");
        Runtime.getRuntime().addShutdownHook(killer);
        Thread pump = new Thread(() -> pump(process, log), "schemabench-jmh-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process.toHandle());
                pump.join(TimeUnit.SECONDS.toMillis(5));
                String why = "JMH did not finish within " + DurationText.format(timeout) + " and was stopped";
                log.println(why);
                return why;
            }
            pump.join(TimeUnit.SECONDS.toMillis(5));
            int exit = process.exitValue();
            return exit == 0 ? null : "JMH exited with code " + exit + " (see " + LOG_FILE + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(process.toHandle());
            return "interrupted";
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run.
            }
        }
    }

    /**
     * Stops the JMH JVM and its forked benchmark JVM: politely first, so that an embedded PostgreSQL started in the
     * fork (a daemon, no longer its descendant) is stopped by the fork's shutdown hook, then forcibly.
     */
    private static void destroyTree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void pump(Process process, PrintStream log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.println(line);
                if (isProgress(line)) {
                    Progress.say("  jmh: " + PostgresServer.mask(line.strip()));
                }
            }
        } catch (IOException e) {
            log.println("output of JMH lost: " + e.getMessage());
        }
    }

    /** The lines worth showing on the console: what runs, each iteration's result, failures and the summary. */
    static boolean isProgress(String line) {
        String text = line.strip();
        return text.startsWith("# Run progress") || text.startsWith("# Parameters") || text.startsWith("# Benchmark:")
                || text.startsWith("# Warmup Iteration") || text.startsWith("Iteration ")
                || text.startsWith("<failure>") || text.contains("Exception:") || text.startsWith("Benchmark ")
                || text.startsWith("PointReadBenchmark.") || text.startsWith("BatchStageBenchmark.")
                || text.startsWith("# Run complete");
    }

    /** The figures in one JMH JSON result file, by design; empty when the file is missing or unreadable. */
    private Map<String, RunResults.JmhFigure> figures(String resultFile) {
        Path file = runDirectory.resolve(resultFile);
        Map<String, RunResults.JmhFigure> figures = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return figures;
        }
        try {
            figures.putAll(parse(ResultsFile.mapper().readTree(file.toFile())));
        } catch (IOException | RuntimeException e) {
            Progress.say("JMH result " + resultFile + " unreadable: " + e.getMessage());
        }
        return figures;
    }

    /** JMH's JSON result (an array of benchmark results) as figures in milliseconds, by the {@code design} param. */
    static Map<String, RunResults.JmhFigure> parse(JsonNode results) {
        Map<String, RunResults.JmhFigure> figures = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String design = result.path("params").path("design").asText(null);
            JsonNode metric = result.path("primaryMetric");
            if (design == null || metric.isMissingNode()) {
                continue;
            }
            double toMs = millisPerUnit(metric.path("scoreUnit").asText());
            String mode = result.path("mode").asText();
            boolean sampled = "sample".equals(mode);
            JsonNode percentiles = metric.path("scorePercentiles");
            figures.put(design, new RunResults.JmhFigure(result.path("benchmark").asText(), mode,
                    result.path("threads").asInt(), samples(metric), round(metric.path("score").asDouble() * toMs),
                    finite(metric.path("scoreError"), toMs),
                    finite(percentiles.path("50.0"), toMs),
                    sampled ? finite(percentiles.path("99.0"), toMs) : null,
                    sampled ? finite(percentiles.path("99.9"), toMs) : null,
                    finite(percentiles.path("100.0"), toMs)));
        }
        return figures;
    }

    /** Samples behind the score: histogram counts in SampleTime mode, raw values in the other modes. */
    private static long samples(JsonNode metric) {
        long count = 0;
        JsonNode histogram = metric.path("rawDataHistogram");
        if (histogram.isArray()) {
            for (JsonNode fork : histogram) {
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        count += bucket.path(1).asLong();
                    }
                }
            }
            return count;
        }
        for (JsonNode fork : metric.path("rawData")) {
            count += fork.size();
        }
        return count;
    }

    private static double millisPerUnit(String scoreUnit) {
        String unit = scoreUnit.endsWith("/op") ? scoreUnit.substring(0, scoreUnit.length() - 3) : scoreUnit;
        return switch (unit) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new IllegalArgumentException("unexpected JMH score unit '" + scoreUnit + "'");
        };
    }

    /** A number times {@code factor}, or null where JMH wrote none or "NaN". */
    private static Double finite(JsonNode value, double factor) {
        if (!value.isNumber()) {
            return null;
        }
        double number = value.asDouble() * factor;
        return Double.isFinite(number) ? round(number) : null;
    }

    private static String jmhTime(Duration duration) {
        return Math.max(1, duration.toMillis()) + "ms";
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static Map<String, DesignOutcome> unavailable(List<String> designs, String reason,
                                                          Map<String, String> artifacts) {
        Progress.say(reason);
        Map<String, DesignOutcome> outcomes = new LinkedHashMap<>();
        for (String design : designs) {
            Map<String, String> entries = new LinkedHashMap<>(artifacts);
            entries.put(NOTE_UNAVAILABLE, reason);
            outcomes.put(design, new DesignOutcome(null, reason, entries));
        }
        return outcomes;
    }
}
