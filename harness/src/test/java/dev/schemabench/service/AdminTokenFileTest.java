package dev.schemabench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path directory;

    @Test
    void writesAnOwnerOnlyFileReadsItBackAndDeletesIt() throws IOException {
        Path written;
        try (AdminTokenFile file = AdminTokenFile.create("secret-token-123", directory)) {
            written = file.path();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
            assertEquals("secret-token-123", AdminTokenFile.read(written));
        }
        assertFalse(Files.exists(written), "deleted on close");
    }

    @Test
    void refusesAFileOthersCanReadAndAnEmptyOne() throws IOException {
        Path open = Files.writeString(directory.resolve("open.token"), "secret-token-123\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> AdminTokenFile.read(open));
        assertTrue(shared.getMessage().contains("chmod 600"), shared.getMessage());
        assertFalse(shared.getMessage().contains("secret"), "the message never shows the token");

        Path empty = Files.writeString(directory.resolve("empty.token"), "  \n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThrows(IllegalArgumentException.class, () -> AdminTokenFile.read(empty));
        assertThrows(IllegalArgumentException.class, () -> AdminTokenFile.read(directory.resolve("missing")));
    }
}
