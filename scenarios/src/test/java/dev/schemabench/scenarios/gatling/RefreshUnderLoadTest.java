package dev.schemabench.scenarios.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemabench.shared.EnvironmentVariables;
import dev.schemabench.shared.SecretFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the refresh simulation finds the admin token: the suite's file first, the variable for hand runs. */
class RefreshUnderLoadTest {

    @Test
    void readsTheAdminTokenFromTheFileTheSuiteNamesElseFromTheVariable(@TempDir Path directory) throws IOException {
        try (SecretFile file = SecretFile.create("token-from-file\n", directory)) {
            assertEquals("token-from-file", RefreshUnderLoad.Settings.adminToken(Map.of(
                    EnvironmentVariables.ADMIN_TOKEN_FILE, file.path().toString(),
                    EnvironmentVariables.ADMIN_TOKEN, "not-this-one")));
        }
        assertEquals("by-hand", RefreshUnderLoad.Settings.adminToken(
                Map.of(EnvironmentVariables.ADMIN_TOKEN, "by-hand")));
        assertEquals("", RefreshUnderLoad.Settings.adminToken(Map.of()));
    }
}
