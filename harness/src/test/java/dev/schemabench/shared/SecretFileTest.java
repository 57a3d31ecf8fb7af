package dev.schemabench.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path directory;

    @Test
    void writesTheSecretAsItIsToAnOwnerOnlyFileAndDeletesItOnClose() throws IOException {
        Path written;
        try (SecretFile file = SecretFile.create(" p:w\\d ", directory)) {
            written = file.path();
            assertEquals(directory, written.getParent());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
            assertEquals(" p:w\\d ", Files.readString(written));
            assertEquals(" p:w\\d ", SecretFile.read(written, "password"), "the first line, blanks kept");
        }
        assertFalse(Files.exists(written), "deleted on close");
        SecretFile again = SecretFile.create("x", directory);
        again.close();
        again.close();
    }

    @Test
    void theDefaultFolderIsTheSystemsTemporaryOne() throws IOException {
        try (SecretFile file = SecretFile.create("token-1234\n")) {
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), file.path().getParent());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
            assertEquals("token-1234", SecretFile.read(file.path(), "admin token"));
        }
    }

    @Test
    void refusesAFileOthersCanReadAnEmptyOneAndAMissingOne() throws IOException {
        Path open = Files.writeString(directory.resolve("open.token"), "secret-token-123\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> SecretFile.read(open, "admin token"));
        assertTrue(shared.getMessage().contains("the admin token file") && shared.getMessage().contains("chmod 600"),
                shared.getMessage());
        assertFalse(shared.getMessage().contains("secret-token"), "the message never shows the secret");

        Path empty = Files.writeString(directory.resolve("empty.token"), "  \n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThrows(IllegalArgumentException.class, () -> SecretFile.read(empty, "admin token"));
        assertThrows(IllegalArgumentException.class, () -> SecretFile.read(directory.resolve("missing"), "password"));
    }

    @Test
    void removesEverySecretVariableAndNothingElse() {
        Map<String, String> environment = new HashMap<>(Map.of("PGPASSWORD", "a", "SCHEMABENCH_PG_PASSWORD", "b",
                "SCHEMABENCH_ADMIN_TOKEN", "c", "PATH", "/usr/bin", "SCHEMABENCH_PG_USER", "bench"));
        SecretFile.removeSecrets(environment);
        assertEquals(Map.of("PATH", "/usr/bin", "SCHEMABENCH_PG_USER", "bench"), environment);
    }
}
