package dev.schemabench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A profile: a small text file of {@code key = value} lines with {@code #} comments, naming values for
 * {@link CompareConfig} keys. Built-in profiles ({@code quick}, {@code standard}) ship in the jar; any other
 * argument is read as a file path. Errors name the file, the line and the key.
 */
public final class ProfileFile {

    public static final List<String> BUILT_IN = List.of("quick", "standard", "full");

    private ProfileFile() {
    }

    /** Applies the profile {@code nameOrPath} to {@code builder}. */
    public static void apply(String nameOrPath, CompareConfig.Builder builder) {
        String source;
        String text;
        if (BUILT_IN.contains(nameOrPath)) {
            source = "profile " + nameOrPath;
            try (InputStream in = ProfileFile.class.getResourceAsStream("/profiles/" + nameOrPath + ".profile")) {
                if (in == null) {
                    throw new IllegalStateException("built-in profile " + nameOrPath + " is missing from the jar");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            Path file = Path.of(nameOrPath);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("unknown profile '" + nameOrPath + "' (built-in: "
                        + String.join(", ", BUILT_IN) + ", or the path of a profile file)");
            }
            source = "profile file " + file;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read profile file " + file + ": " + e.getMessage());
            }
        }
        builder.profile(nameOrPath);
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String where = source + ", line " + number;
            if (equals <= 0) {
                throw new IllegalArgumentException(where + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            int comment = value.indexOf(" #");
            if (comment >= 0) {
                value = value.substring(0, comment).strip();
            }
            if (!CompareConfig.DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: "
                        + String.join(", ", CompareConfig.DEFAULTS.keySet()) + ")");
            }
            builder.set(key, value, where);
        }
    }
}
