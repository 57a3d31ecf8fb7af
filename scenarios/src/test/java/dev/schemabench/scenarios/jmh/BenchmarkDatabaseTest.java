package dev.schemabench.scenarios.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schemabench.shared.SecretFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a benchmark trial finds the PostgreSQL password: the suite's file first, the variable for hand runs. */
class BenchmarkDatabaseTest {

    @Test
    void readsThePasswordFromTheFileTheSuiteNames(@TempDir Path directory) throws IOException {
        try (SecretFile file = SecretFile.create("pw:with\\odd ", directory)) {
            assertEquals("pw:with\\odd ", BenchmarkDatabase.password(Map.of(
                    BenchmarkDatabase.PASSWORD_FILE_ENV, file.path().toString(),
                    BenchmarkDatabase.PASSWORD_ENV, "not-this-one")));
        }
    }

    @Test
    void fallsBackToTheVariableAndRefusesAFileOthersCanRead(@TempDir Path directory) throws IOException {
        assertEquals("by-hand", BenchmarkDatabase.password(Map.of(BenchmarkDatabase.PASSWORD_ENV, "by-hand")));
        assertNull(BenchmarkDatabase.password(Map.of()));
        Path open = Files.writeString(directory.resolve("open"), "pw\n");
        assertThrows(IllegalArgumentException.class,
                () -> BenchmarkDatabase.password(Map.of(BenchmarkDatabase.PASSWORD_FILE_ENV, open.toString())));
    }
}
