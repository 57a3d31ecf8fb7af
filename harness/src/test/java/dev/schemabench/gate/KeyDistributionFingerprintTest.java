package dev.schemabench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemabench.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key distribution is part of the fingerprint; a results file from before it was recorded means the default. */
class KeyDistributionFingerprintTest {

    @TempDir
    Path temp;

    @Test
    void runsDrawnWithDifferentKeyDistributionsAreIncomparable() throws IOException {
        Path before = write("before", null);
        Path defaulted = write("defaulted", "zipf:0.99");
        Path uniform = write("uniform", "uniform");
        assertEquals(List.of(), Fingerprint.differences(ResultsFile.load(before), ResultsFile.load(defaulted)));
        List<String> differences = Fingerprint.differences(ResultsFile.load(defaulted), ResultsFile.load(uniform));
        assertEquals(List.of("key distribution zipf:0.99 vs uniform"), differences);
    }

    private Path write(String id, String keyDistribution) throws IOException {
        Path file = SyntheticRuns.write(temp.resolve(id), new SyntheticRuns.Run("run"));
        if (keyDistribution != null) {
            ObjectNode root = (ObjectNode) ResultsFile.mapper().readTree(file.toFile());
            ((ObjectNode) root.get("run").get("config")).put("key_distribution", keyDistribution);
            Files.writeString(file, ResultsFile.mapper().writeValueAsString(root));
        }
        return file;
    }
}
