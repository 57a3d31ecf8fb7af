package dev.schemabench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stamped version names the commit the classes were built from, as git itself says. */
class VersionTest {

    /** Runs git in the checkout; null when git is missing or the folder is not a repository. */
    static String git(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = Home.directory().toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "git answers");
        return process.exitValue() == 0 ? out.strip() : null;
    }

    @Test
    void theStampNamesTheCheckedOutCommitAndWhetherTrackedFilesDiffer() throws Exception {
        String head = git("rev-parse", "HEAD");
        assumeTrue(head != null, "built outside git");
        Version version = Version.current();
        assertEquals(head, version.commit());
        String changes = git("status", "--porcelain", "--untracked-files=no");
        assertEquals(!changes.isEmpty(), version.dirty(), "dirty when tracked files differ: '" + changes + "'");
        String expected = "(commit " + head.substring(0, Version.SHORT_COMMIT) + (version.dirty() ? "-dirty)" : ")");
        assertTrue(version.describe().endsWith(expected), version.describe());
        assertFalse(version.projectVersion().isBlank() || version.projectVersion().equals("unknown"),
                version.describe());
    }

    @Test
    void aBuildOutsideGitSaysSo() {
        Properties stamp = new Properties();
        stamp.setProperty("version", "1.2.3");
        stamp.setProperty("commit", "");
        stamp.setProperty("dirty", "false");
        assertEquals("1.2.3 (built outside git)", Version.parse(stamp).describe());
    }

    @Test
    void aDirtyTreeIsMarked() {
        Properties stamp = new Properties();
        stamp.setProperty("version", "1.2.3");
        stamp.setProperty("commit", "0123456789abcdef0123456789abcdef01234567");
        stamp.setProperty("dirty", "true");
        assertEquals("1.2.3 (commit 0123456789ab-dirty)", Version.parse(stamp).describe());
    }
}
