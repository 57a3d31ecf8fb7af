package dev.schemabench.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A secret (a password, a token) in a file that only its owner may read, the one way SchemaBench hands a secret to a
 * child process: never in the child's environment or on its command line, where other users, crash reports or logs
 * may see it. {@link #create} writes such a file, owner-only from its creation on, and {@link #close()} deletes it;
 * {@link #read} reads one and refuses a file that others can read; {@link #removeSecrets} clears the secrets a child
 * would otherwise inherit from this process's environment. Instances are not shared between threads.
 */
public final class SecretFile implements AutoCloseable {

    /** The variables holding a secret itself, which no child of SchemaBench inherits. */
    public static final List<String> SECRET_VARIABLES = List.of(EnvironmentVariables.PG_PASSWORD,
            EnvironmentVariables.ADMIN_TOKEN, "PGPASSWORD");

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path path;

    private SecretFile(Path path) {
        this.path = path;
    }

    /** Writes {@code content} to a new owner-only file in the system's temporary folder. */
    public static SecretFile create(String content) throws IOException {
        return create(content, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Writes {@code content} as it is (add a line end if the reader wants one) to a new file in {@code directory},
     * readable and writable only by its owner (POSIX mode 600, set when the file is created). The file is deleted on
     * {@link #close()}, or at the latest when the JVM exits normally (Ctrl-C included).
     */
    public static SecretFile create(String content, Path directory) throws IOException {
        Path file = null;
        try {
            if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
                file = Files.createTempFile(directory, "schemabench-", ".secret",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                file = Files.createTempFile(directory, "schemabench-", ".secret");
                java.io.File plain = file.toFile();
                if (!(plain.setReadable(false, false) && plain.setReadable(true, true)
                        && plain.setWritable(false, false) && plain.setWritable(true, true))) {
                    throw new IOException("cannot restrict " + file + " to its owner");
                }
            }
            file.toFile().deleteOnExit();
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return new SecretFile(file);
        } catch (IOException e) {
            if (file != null) {
                new SecretFile(file).close();
            }
            throw new IOException("cannot write a secret file in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Where the secret is. */
    public Path path() {
        return path;
    }

    /**
     * The first line of {@code file}, without its line end, the secret {@code what} (named in messages; the secret
     * itself never is).
     *
     * @throws IllegalArgumentException when the file is missing, its first line is blank, or group or others may
     *                                  read or write it
     */
    public static String read(Path file, String what) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                for (PosixFilePermission permission : permissions) {
                    if (!OWNER_ONLY.contains(permission) && permission != PosixFilePermission.OWNER_EXECUTE) {
                        throw new IllegalArgumentException("the " + what + " file " + file
                                + " is accessible to others (" + PosixFilePermissions.toString(permissions)
                                + "); allow only its owner: chmod 600");
                    }
                }
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String secret = lines.isEmpty() ? "" : lines.get(0);
            if (secret.isBlank()) {
                throw new IllegalArgumentException("the " + what + " file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes every {@linkplain #SECRET_VARIABLES secret variable} from a child's {@code environment}. */
    public static void removeSecrets(Map<String, String> environment) {
        SECRET_VARIABLES.forEach(environment::remove);
    }

    /** Deletes the file; idempotent and quiet (a file that cannot be deleted now is tried again at exit). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Left to the deleteOnExit registered at creation.
        }
    }
}
