package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to {@code compare}: one clear line, exit 2, nothing written. No database is started. */
class CompareCommandTest {

    @TempDir
    Path temp;

    static List<List<String>> badArguments() {
        return List.of(
                List.of("--no-such-option"),
                List.of("--designs", "jsonb,oracle"),
                List.of("--designs", ","),
                List.of("--profile", "huge"),
                List.of("--products", "abc"),
                List.of("--products", "0"),
                List.of("--products", "-5"),
                List.of("--recs", "0"),
                List.of("--recs", "101"),
                List.of("--rate", "0"),
                List.of("--rate", "fast"),
                List.of("--duration", "-3s"),
                List.of("--duration", "soon"),
                List.of("--seed", "x"),
                List.of("--pg", "cloud"),
                List.of("--pg-url", "postgres://nope"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badInputExitsWithTwoAndOneLineAndWritesNothing(List<String> arguments) {
        Path out = temp.resolve("out");
        List<String> all = new java.util.ArrayList<>(List.of("compare", "--out", out.toString()));
        all.addAll(arguments);
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(Files.exists(out), "nothing written under --out");
    }

    @Test
    void unreachableServerIsReportedQuicklyWithoutThePassword() {
        Path out = temp.resolve("out");
        long start = System.nanoTime();
        CliRun run = CliRun.of("compare", "--out", out.toString(), "--pg-url",
                "jdbc:postgresql://127.0.0.1:1/postgres", "--pg-password", "s3cret-pass");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/postgres"), run.err());
        assertFalse(run.err().contains("s3cret-pass"), run.err());
        assertFalse(run.out().contains("s3cret-pass"), run.out());
        assertTrue(seconds < 10, "reported within 10 seconds, took " + seconds);
        assertFalse(Files.exists(out));
    }

    @Test
    void outputFolderThatHoldsFilesIsRefused() throws IOException {
        Path out = Files.createDirectories(temp.resolve("used"));
        Files.writeString(out.resolve("results.json"), "{}");
        CliRun run = CliRun.of("compare", "--out", out.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("already holds files"), run.err());
        assertEquals("{}", Files.readString(out.resolve("results.json")));
    }

    @Test
    void profileFileErrorsNameFileLineAndKey() throws IOException {
        Path profile = temp.resolve("mine.profile");
        Files.writeString(profile, "# mine\nproducts = 5000\nspeed = 11\n");
        CliRun run = CliRun.of("compare", "--profile", profile.toString(), "--out", temp.resolve("o").toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains(profile.toString()) && run.err().contains("line 3")
                && run.err().contains("'speed'"), run.err());

        Files.writeString(profile, "products = lots\n");
        run = CliRun.of("compare", "--profile", profile.toString(), "--out", temp.resolve("o").toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("line 1") && run.err().contains("'products'"), run.err());
    }

    @Test
    void helpAndVersionSucceed() {
        assertEquals(ExitCode.OK, CliRun.of("compare", "--help").exitCode());
        assertEquals(ExitCode.OK, CliRun.of("--version").exitCode());
    }
}
