package dev.schemabench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A profile: a small text file of {@code key = value} lines with {@code #} comments, naming values for
 * {@link CompareConfig} keys. Built-in profiles ({@code quick}, {@code standard}, {@code full}) ship in the jar; any other
 * argument is read as a file path. Errors name the file, the line and the key.
 */
public final class ProfileFile {

    /** The built-in profiles, found in the jar (or the classes folder) under {@code profiles/}, sorted by name. */
    public static final List<String> BUILT_IN = builtIn();

    private static final String FOLDER = "profiles/";
    private static final String SUFFIX = ".profile";

    private ProfileFile() {
    }

    /** The built-in profile names, for picocli's completion candidates and {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BUILT_IN.iterator();
        }
    }

    private static List<String> builtIn() {
        Set<String> names = new TreeSet<>();
        try {
            Path location = Path.of(ProfileFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(FOLDER))) {
                    files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                            .forEach(name -> names.add(name.substring(0, name.length() - SUFFIX.length())));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(name -> name.startsWith(FOLDER) && name.endsWith(SUFFIX)
                                    && name.indexOf('/', FOLDER.length()) < 0)
                            .forEach(name -> names.add(name.substring(FOLDER.length(),
                                    name.length() - SUFFIX.length())));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot list the built-in profiles: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no built-in profiles found under " + FOLDER);
        }
        return List.copyOf(names);
    }

    /** Applies the profile {@code nameOrPath} to {@code builder}. */
    public static void apply(String nameOrPath, CompareConfig.Builder builder) {
        String source;
        String text;
        if (BUILT_IN.contains(nameOrPath)) {
            source = "profile " + nameOrPath;
            try (InputStream in = ProfileFile.class.getResourceAsStream("/" + FOLDER + nameOrPath + SUFFIX)) {
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
