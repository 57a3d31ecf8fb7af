package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemabench.internal.Home;
import dev.schemabench.suite.ProfileFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What every command shares: --version, help without warnings and with defaults, names, passwords. */
class CliConventionsTest {

    @TempDir
    Path temp;

    private static String gitHead() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("git", "-C", Home.directory().toString(), "rev-parse", "HEAD").start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue() == 0 ? out : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "serve", "report", "gate", "service-bench"})
    void versionNamesTheProjectVersionAndTheCommitGitReports(String command) throws Exception {
        CliRun run = CliRun.of(command, "--version");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String line = run.out().strip();
        assertTrue(line.matches("schemabench \\S+ \\((commit [0-9a-f]{12}(-dirty)?|built outside git)\\)"), line);
        String head = gitHead();
        assumeTrue(head != null, "not a git checkout");
        assertTrue(line.contains("(commit " + head.substring(0, 12)), line + " vs git rev-parse HEAD " + head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "serve", "report", "gate", "service-bench"})
    void helpHasNoWarningsAndEveryOptionShowsItsDefault(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertFalse(run.out().contains("WARN") || run.err().contains("WARN"), run.out() + run.err());
        CommandLine.Model.CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command)
                .getCommandSpec();
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String description = String.join(" ", option.description());
            // compare's profile-backed options show their defaults per profile in the help's footer table.
            boolean shown = description.contains("default") || description.contains("required")
                    || description.contains("(profile key ") || option.required();
            assertTrue(shown, command + " " + option.longestName() + ": " + description);
        }
    }

    @Test
    void compareHelpListsEveryBuiltInProfileAndTheirDefaults() {
        CliRun run = CliRun.of("compare", "--help");
        for (String profile : ProfileFile.BUILT_IN) {
            assertTrue(run.out().contains(profile), profile + " in\n" + run.out());
        }
        assertTrue(ProfileFile.BUILT_IN.containsAll(List.of("quick", "standard", "full")), ProfileFile.BUILT_IN
                .toString());
        assertTrue(run.out().contains("--products") && run.out().contains("100000"), run.out());
    }

    @Test
    void setRejectsAnUnknownKeyInOneLine() {
        Path out = temp.resolve("out");
        CliRun run = CliRun.of("compare", "--out", out.toString(), "--set", "no_such_key=1");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("no_such_key"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void setValidatesLikeTheProfileFileAndNamesItsSource() {
        Path out = temp.resolve("out");
        CliRun run = CliRun.of("compare", "--out", out.toString(), "--set", "service_rate=0");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--set service_rate"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingPasswordFileIsOneLineAndExitTwo() {
        Path out = temp.resolve("out");
        CliRun run = CliRun.of("compare", "--out", out.toString(), "--pg-url", "jdbc:postgresql://127.0.0.1:1/x",
                "--pg-password-file", temp.resolve("absent").toString());
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--pg-password-file"), run.err());
    }

    @Test
    void oldServeNamesStillWorkAndWarn() {
        CliRun run = CliRun.of("serve", "--design", "jsonb", "--pool-size", "0");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--pool-size is deprecated"), run.err());
        assertTrue(run.err().contains("--pool must be 1 to 200, got 0"), run.err());
    }

    private static DatabaseOptions options(String... arguments) {
        DatabaseOptions options = new DatabaseOptions();
        new CommandLine(options).parseArgs(arguments);
        return options;
    }

    @Test
    void schemaBenchVariablesWinOverLibpqOnesAndOptionsOverBoth() {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream warn = new PrintStream(warnings, true, StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("PGUSER", "libpq-user", "PGPASSWORD", "libpq-secret",
                "SCHEMABENCH_PG_URL", "jdbc:postgresql://db:5432/x", "SCHEMABENCH_PG_USER", "bench-user");
        DatabaseOptions.Postgres fromEnvironment = options().postgres(environment, warn);
        assertEquals(new DatabaseOptions.Postgres("jdbc:postgresql://db:5432/x", "bench-user", "libpq-secret"),
                fromEnvironment);
        DatabaseOptions.Postgres fromOptions = options("--pg-user", "option-user").postgres(environment, warn);
        assertEquals("option-user", fromOptions.user());
        assertEquals("postgres", options().postgres(Map.of(), warn).user());
        assertNull(options().postgres(Map.of(), warn).url());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void passwordsComeFromAFileOrTheEnvironmentAndTheCommandLineOneWarns() throws IOException {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream warn = new PrintStream(warnings, true, StandardCharsets.UTF_8);
        Path file = Files.writeString(temp.resolve("password"), "from-file\nignored\n");
        Map<String, String> environment = Map.of("SCHEMABENCH_PG_PASSWORD", "bench-secret", "PGPASSWORD", "libpq");
        assertEquals("from-file", options("--pg-password-file", file.toString()).postgres(environment, warn)
                .password());
        assertEquals("bench-secret", options().postgres(environment, warn).password());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertEquals("typed", options("--pg-password", "typed").postgres(environment, warn).password());
        assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("--pg-password is deprecated"));
    }

    @Test
    void theOldMongoVariableStillWorksAndWarns() {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream warn = new PrintStream(warnings, true, StandardCharsets.UTF_8);
        assertEquals("mongodb://new", options().mongoUri(Map.of("SCHEMABENCH_MONGO_URI", "mongodb://new",
                "MONGO_URI", "mongodb://old"), warn));
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertEquals("mongodb://old", options().mongoUri(Map.of("MONGO_URI", "mongodb://old"), warn));
        assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("MONGO_URI is deprecated"));
    }
}
