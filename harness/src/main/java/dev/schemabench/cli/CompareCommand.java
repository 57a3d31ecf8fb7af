package dev.schemabench.cli;

import dev.schemabench.db.MongoProvisioner;
import dev.schemabench.db.PostgresProvisioner;
import dev.schemabench.db.PostgresServer;
import dev.schemabench.internal.Progress;
import dev.schemabench.db.ProvisioningException;
import dev.schemabench.internal.Home;
import dev.schemabench.report.HtmlRenderer;
import dev.schemabench.report.MarkdownSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.suite.CompareConfig;
import dev.schemabench.suite.CompareSuite;
import dev.schemabench.suite.ProfileFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schemabench compare}: the main job. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Main.VersionText.class,
        sortOptions = false,
        description = {"Loads the selected designs with the same generated data, checks they give the same answers,",
            "measures storage and read latency, and writes results.json and index.html.",
            "Precedence: built-in defaults < profile < these options."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME|FILE", completionCandidates = ProfileFile.Names.class,
            description = "A built-in profile (${COMPLETION-CANDIDATES}) or a profile file (default: ${DEFAULT-VALUE}).")
    String profile = CompareConfig.DEFAULT_PROFILE;

    @Option(names = "--designs", paramLabel = "LIST", completionCandidates = DesignNames.class,
            description = "Comma-separated designs to compare, of: ${COMPLETION-CANDIDATES} (profile key designs);"
                    + " a design named twice also runs as an independent copy, e.g. jsonb,jsonb (an A/A check).")
    String designs;

    @Option(names = "--products", paramLabel = "N", description = "Catalog size (profile key products).")
    String products;

    @Option(names = "--recs", paramLabel = "K", description = "Recommendations per product, 1..100 (profile key recs).")
    String recs;

    @Option(names = "--seed", paramLabel = "S", description = "Data and key-sequence seed (profile key seed).")
    String seed;

    @Option(names = "--duration", paramLabel = "D",
            description = "Measured read time per design, e.g. 60s (profile key duration).")
    String duration;

    @Option(names = "--precision", paramLabel = "P",
            description = "Instead of a fixed length: add storage-level slices after --duration until every design's"
                    + " P99 is known within ±P, e.g. 10%% (profile key precision; at most precision_cap per design).")
    String precision;

    @Option(names = "--warmup", paramLabel = "D",
            description = "Unmeasured warm-up per design, e.g. 10s (profile key warmup).")
    String warmup;

    @Option(names = "--rate", paramLabel = "R", description = "Storage-level reads per second (profile key rate).")
    String rate;

    @Option(names = "--settle", paramLabel = "D",
            description = "Reads before, during and after the weekly refresh, e.g. 5s (profile key settle).")
    String settle;

    @Option(names = "--churn-weeks", paramLabel = "N",
            description = "Weekly batches staged to show versioning cost (profile key churn_weeks).")
    String churnWeeks;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any profile key, validated like the profile file; repeatable, wins over --profile"
                    + " (keys: docs/configuration.md; default: none).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--redis-url", paramLabel = "URL", description = "An existing Redis for the cache stage:"
            + " redis://HOST:PORT (profile key redis_url; default: an embedded server).")
    String redisUrl;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/<run-id>).")
    Path out;

    @Option(names = "--pg", paramLabel = "SOURCE",
            description = "PostgreSQL without --pg-url: embedded or testcontainers (default: ${DEFAULT-VALUE}).")
    String pgSource = "embedded";

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--keep-data", description = "Leave the designs' schemas on an external server (--pg-url,"
            + " --mongo-uri) after the run, to inspect them or run other tools against the same rows"
            + " (default: ${DEFAULT-VALUE}).")
    boolean keepData;

    @Override
    public Integer call() throws IOException {
        CompareConfig config = configuration();
        PostgresProvisioner.Request request = postgresRequest();
        String mongoUri = database.mongoUri(System.getenv(), System.err);
        String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Path.of(config.profile()).getFileName().toString().replace(".profile", "");
        Path directory = (out != null ? out : Home.reports().resolve(runId)).toAbsolutePath().normalize();
        requireUsableOutput(directory);

        CompareSuite suite = new CompareSuite(config, () -> {
            if (request.source() != PostgresProvisioner.Source.EXTERNAL) {
                Progress.say("Starting " + request.source().name().toLowerCase(java.util.Locale.ROOT)
                        + " PostgreSQL...");
            }
            return PostgresProvisioner.provision(request);
        }, () -> MongoProvisioner.provision(mongoUri), Home.schemas()).keepData(keepData);
        try {
            try {
                suite.provision();
            } catch (ProvisioningException e) {
                if (request.source() == PostgresProvisioner.Source.EMBEDDED) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                throw new UsageException(e.getMessage(), e);
            }
            Files.createDirectories(directory);
            CompareSuite.Outcome outcome = suite.run(directory, runId);
            System.out.println("Results: " + directory.resolve(ResultsFile.NAME));
            System.out.println("Report:  " + directory.resolve(HtmlRenderer.NAME));
            System.out.println("Summary: " + directory.resolve(MarkdownSummary.NAME));
            outcome.results().designs().stream().filter(design -> design.reason() != null)
                    .forEach(design -> System.out.println(design.name() + " " + design.status() + ": "
                            + design.reason()));
            return outcome.anyFailed() ? ExitCode.FAILURE : ExitCode.OK;
        } finally {
            suite.close();
        }
    }

    private CompareConfig configuration() {
        try {
            CompareConfig.Builder builder = new CompareConfig.Builder();
            ProfileFile.apply(profile, builder);
            String source = "command line";
            set(builder, CompareConfig.DESIGNS, designs, source);
            set(builder, CompareConfig.PRODUCTS, products, source);
            set(builder, CompareConfig.RECS, recs, source);
            set(builder, CompareConfig.SEED, seed, source);
            set(builder, CompareConfig.DURATION, duration, source);
            set(builder, CompareConfig.PRECISION, precision, source);
            set(builder, CompareConfig.WARMUP, warmup, source);
            set(builder, CompareConfig.RATE, rate, source);
            set(builder, CompareConfig.SETTLE, settle, source);
            set(builder, CompareConfig.CHURN_WEEKS, churnWeeks, source);
            set(builder, dev.schemabench.suite.CacheOptions.REDIS_URL, redisUrl, source);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                builder.set(setting.getKey().strip(), setting.getValue(), "command line (--set " + setting.getKey()
                        + ")");
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Keys that have their own option, whose defaults come from the profile. */
    private static final java.util.List<String> OPTION_KEYS = java.util.List.of(CompareConfig.DESIGNS,
            CompareConfig.PRODUCTS, CompareConfig.RECS, CompareConfig.SEED, CompareConfig.DURATION,
            CompareConfig.PRECISION, CompareConfig.WARMUP, CompareConfig.RATE, CompareConfig.SETTLE,
            CompareConfig.CHURN_WEEKS);

    /** The help's footer: each option's default in every built-in profile, read from the profiles themselves. */
    static String profileDefaults() {
        java.util.List<Map<String, Object>> columns = new java.util.ArrayList<>();
        for (String name : ProfileFile.BUILT_IN) {
            CompareConfig.Builder builder = new CompareConfig.Builder();
            ProfileFile.apply(name, builder);
            columns.add(builder.build().effectiveValues());
        }
        StringBuilder table = new StringBuilder("%nDefaults of the options above, per built-in profile:%n");
        table.append(String.format("  %-14s", "option"));
        ProfileFile.BUILT_IN.forEach(name -> table.append(String.format(" %-18s", name)));
        table.append("%n");
        for (String key : OPTION_KEYS) {
            table.append(String.format("  %-14s", "--" + key.replace('_', '-')));
            for (Map<String, Object> column : columns) {
                String value = String.valueOf(column.get(key)).replace("[", "").replace("]", "").replace(" ", "");
                table.append(String.format(" %-18s", value));
            }
            table.append("%n");
        }
        table.append("Every other profile key: --set KEY=VALUE; all keys and their defaults: docs/configuration.md.%n");
        return table.toString();
    }

    private static void set(CompareConfig.Builder builder, String key, String value, String source) {
        if (value != null) {
            builder.set(key, value, source + " (--" + key.replace('_', '-') + ")");
        }
    }

    private PostgresProvisioner.Request postgresRequest() {
        DatabaseOptions.Postgres postgres = database.postgres(System.getenv(), System.err);
        if (postgres.url() != null) {
            if (!postgres.url().startsWith("jdbc:postgresql://")) {
                throw new UsageException("--pg-url must look like jdbc:postgresql://HOST:PORT/DB, got "
                        + PostgresServer.mask(postgres.url()));
            }
            return new PostgresProvisioner.Request(PostgresProvisioner.Source.EXTERNAL, postgres.url(),
                    postgres.user(), postgres.password());
        }
        try {
            PostgresProvisioner.Source source = PostgresProvisioner.Source.parse(pgSource);
            if (source == PostgresProvisioner.Source.EXTERNAL) {
                throw new UsageException("--pg external needs --pg-url");
            }
            return new PostgresProvisioner.Request(source, null, null, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static void requireUsableOutput(Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new UsageException("--out " + directory + " is a file, not a folder");
            }
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("--out " + directory + " already holds files; choose an empty or new"
                            + " folder (nothing is overwritten)");
                }
            }
        }
    }
}
