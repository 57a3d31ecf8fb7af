package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.schemabench.db.PostgresServer;
import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real child process of the suite sees (psql and pgbench, the JMH and Gatling JVMs): a secret only as the path
 * of an owner-only file, never as a value, and none of the secrets this process holds in its own environment.
 */
class ChildEnvironmentTest {

    private static final String PASSWORD = "pg-s3cret:\\x";
    private static final Map<String, String> INHERITED = Map.of("PGPASSWORD", "inherited-1",
            EnvironmentVariables.PG_PASSWORD, "inherited-2", EnvironmentVariables.ADMIN_TOKEN, "inherited-3");

    @TempDir
    Path directory;

    /** The environment {@code env} prints when started as {@code setup} leaves its inherited environment. */
    private static Map<String, String> childSees(Consumer<Map<String, String>> setup) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("env").redirectErrorStream(true);
        builder.environment().putAll(INHERITED);
        setup.accept(builder.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        Map<String, String> seen = new HashMap<>();
        output.lines().filter(line -> line.indexOf('=') > 0)
                .forEach(line -> seen.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return seen;
    }

    private static void assertNoSecret(Map<String, String> seen, String token) {
        seen.forEach((name, value) -> assertFalse(value.contains("s3cret") || value.contains("inherited-")
                || value.contains(token), name + " carries a secret"));
    }

    @Test
    void psqlAndPgbenchGetTheirPasswordFromALibpqPasswordFile() throws Exception {
        try (SecretFile file = SecretFile.create(Calibration.passwordFileEntry("127.0.0.1", "5432", "postgres",
                "bench", PASSWORD), directory)) {
            Map<String, String> seen = childSees(env -> Calibration.toolEnvironment(env, "d_jsonb", file.path()));

            assertEquals(file.path().toString(), seen.get("PGPASSFILE"));
            assertEquals("-c search_path=d_jsonb", seen.get("PGOPTIONS"));
            assertNoSecret(seen, PASSWORD);
            assertEquals("127.0.0.1:5432:postgres:bench:pg-s3cret\\:\\\\x\n", Files.readString(file.path()));
        }
        Map<String, String> withoutPassword = childSees(env -> Calibration.toolEnvironment(env, "d_jsonb", null));
        assertNoSecret(withoutPassword, PASSWORD);
    }

    @Test
    void theJmhChildGetsThePasswordFilesPathAndTheServerOnlyWhenItUsesIt() throws Exception {
        JmhRunner runner = new JmhRunner(Path.of("/repo"), Path.of("/repo/schemas"), directory, new PostgresServer(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "bench", PASSWORD, "external"),
                new JmhRunner.Settings(10000, 20, 42, 4, Duration.ofSeconds(2), 2, Duration.ofMillis(1500), 0, 1));
        try (SecretFile file = SecretFile.create(PASSWORD, directory)) {
            Map<String, String> seen = childSees(env -> runner.childEnvironment(env, true, file.path()));

            assertEquals(file.path().toString(), seen.get(EnvironmentVariables.PG_PASSWORD_FILE));
            assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres", seen.get(EnvironmentVariables.PG_URL));
            assertEquals("bench", seen.get(EnvironmentVariables.PG_USER));
            assertNoSecret(seen, PASSWORD);

            Map<String, String> own = childSees(env -> {
                env.put(EnvironmentVariables.PG_PASSWORD_FILE, "/elsewhere");
                runner.childEnvironment(env, false, null);
            });
            assertNull(own.get(EnvironmentVariables.PG_PASSWORD_FILE));
            assertNull(own.get(EnvironmentVariables.PG_URL));
            assertNoSecret(own, PASSWORD);
        }
    }

    @Test
    void theGatlingChildGetsTheAdminTokenFilesPathOnlyWhenItNeedsTheToken() throws Exception {
        String token = "0123456789abcdef";
        try (SecretFile file = SecretFile.create(token + "\n", directory)) {
            Map<String, String> seen = childSees(env -> ServiceLevelRunner.childEnvironment(env, file.path()));

            assertEquals(file.path().toString(), seen.get(EnvironmentVariables.ADMIN_TOKEN_FILE));
            assertEquals(token, SecretFile.read(Path.of(seen.get(EnvironmentVariables.ADMIN_TOKEN_FILE)),
                    "admin token"));
            assertNoSecret(seen, token);
        }
        Map<String, String> reads = childSees(env -> ServiceLevelRunner.childEnvironment(env, null));
        assertNull(reads.get(EnvironmentVariables.ADMIN_TOKEN_FILE));
        assertNoSecret(reads, token);
    }

    @Test
    void libpqEscapesBackslashAndColonAndMatchesUnknownFieldsWithAStar() {
        assertEquals("*:*:*:u\\:1:a\\\\b\\:c\n", Calibration.passwordFileEntry(null, null, null, "u:1", "a\\b:c"));
        assertEquals("h:5432:\\*:user:pw*\n", Calibration.passwordFileEntry("h", "5432", "*", "user", "pw*"));
    }
}
