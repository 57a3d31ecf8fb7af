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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code schemabench compare}: the main job. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Loads the selected designs with the same generated data, checks they give the same answers,",
            "measures storage and read latency, and writes results.json and index.html.",
            "Precedence: built-in defaults < profile < these options."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "quick, standard (default) or a profile file")
    String profile = CompareConfig.DEFAULT_PROFILE;

    @Option(names = "--designs", paramLabel = "LIST", description = "comma-separated: jsonb,normalized,mongo")
    String designs;

    @Option(names = "--products", paramLabel = "N", description = "catalog size")
    String products;

    @Option(names = "--recs", paramLabel = "K", description = "recommendations per product (1..100)")
    String recs;

    @Option(names = "--seed", paramLabel = "S", description = "data and key-sequence seed")
    String seed;

    @Option(names = "--duration", paramLabel = "D", description = "measured read time per design, e.g. 60s")
    String duration;

    @Option(names = "--warmup", paramLabel = "D", description = "unmeasured warm-up per design, e.g. 10s")
    String warmup;

    @Option(names = "--rate", paramLabel = "R", description = "storage-level reads per second")
    String rate;

    @Option(names = "--settle", paramLabel = "D",
            description = "reads before, during and after the weekly refresh, e.g. 5s")
    String settle;

    @Option(names = "--churn-weeks", paramLabel = "N", description = "weekly batches staged to show versioning cost")
    String churnWeeks;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default reports/<run-id>)")
    Path out;

    @Option(names = "--pg-url", paramLabel = "URL", description = "use an existing server: jdbc:postgresql://HOST:PORT/DB")
    String pgUrl;

    @Option(names = "--pg-user", paramLabel = "USER", description = "user for --pg-url (default $PGUSER or postgres)")
    String pgUser;

    @Option(names = "--pg-password", paramLabel = "PASSWORD",
            description = "password for --pg-url (default $PGPASSWORD); never printed")
    String pgPassword;

    @Option(names = "--pg", paramLabel = "SOURCE", description = "embedded (default) or testcontainers")
    String pgSource = "embedded";

    @Option(names = "--keep-data", description = "leave the designs' schemas on an external server (--pg-url,"
            + " --mongo-uri) after the run, to inspect them or run other tools against the same rows")
    boolean keepData;

    @Option(names = "--mongo-uri", paramLabel = "URI", description = "MongoDB 6+ for the mongo design (default:"
            + " $MONGO_URI, else Testcontainers when Docker runs, else a mongod on PATH or $MONGOD_BIN); never printed"
            + " with its password")
    String mongoUri;

    @Override
    public Integer call() throws IOException {
        CompareConfig config = configuration();
        PostgresProvisioner.Request request = postgresRequest();
        String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Path.of(config.profile()).getFileName().toString().replace(".profile", "");
        Path directory = (out != null ? out : Home.reports().resolve(runId)).toAbsolutePath().normalize();
        requireUsableOutput(directory);

        if (mongoUri != null && !mongoUri.startsWith("mongodb://") && !mongoUri.startsWith("mongodb+srv://")) {
            throw new UsageException("--mongo-uri must start with mongodb:// or mongodb+srv://, got "
                    + MongoProvisioner.mask(mongoUri));
        }
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
            set(builder, CompareConfig.WARMUP, warmup, source);
            set(builder, CompareConfig.RATE, rate, source);
            set(builder, CompareConfig.SETTLE, settle, source);
            set(builder, CompareConfig.CHURN_WEEKS, churnWeeks, source);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static void set(CompareConfig.Builder builder, String key, String value, String source) {
        if (value != null) {
            builder.set(key, value, source + " (--" + key.replace('_', '-') + ")");
        }
    }

    private PostgresProvisioner.Request postgresRequest() {
        if (pgUrl != null) {
            if (!pgUrl.startsWith("jdbc:postgresql://")) {
                throw new UsageException("--pg-url must look like jdbc:postgresql://HOST:PORT/DB, got "
                        + PostgresServer.mask(pgUrl));
            }
            return new PostgresProvisioner.Request(PostgresProvisioner.Source.EXTERNAL, pgUrl, pgUser, pgPassword);
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
