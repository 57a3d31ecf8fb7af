package dev.schemabench.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The service's admin token in a file readable only by its owner, so it reaches a child process (the service, a load
 * generator) without appearing in a command line or an environment, where other users or crash reports may see it.
 * {@link #create} writes one and deletes it on {@link #close()}; {@link #read} reads one and refuses a file that
 * others can read. Instances are not shared between threads.
 */
public final class AdminTokenFile implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path path;

    private AdminTokenFile(Path path) {
        this.path = path;
    }

    /** Writes {@code token} to a new file in {@code directory}, readable and writable only by its owner. */
    public static AdminTokenFile create(String token, Path directory) {
        try {
            Path file;
            if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
                file = Files.createTempFile(directory, "schemabench-admin-", ".token",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                file = Files.createTempFile(directory, "schemabench-admin-", ".token");
                java.io.File plain = file.toFile();
                plain.setReadable(false, false);
                plain.setReadable(true, true);
                plain.setWritable(false, false);
                plain.setWritable(true, true);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return new AdminTokenFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file in " + directory, e);
        }
    }

    /** Where the token is. */
    public Path path() {
        return path;
    }

    /**
     * The token in {@code file}: its first line, without surrounding blanks.
     *
     * @throws IllegalArgumentException when the file is missing, empty, or readable or writable by group or others
     */
    public static String read(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                for (PosixFilePermission permission : permissions) {
                    if (!OWNER_ONLY.contains(permission) && permission != PosixFilePermission.OWNER_EXECUTE) {
                        throw new IllegalArgumentException("the admin token file " + file + " is accessible to others ("
                                + PosixFilePermissions.toString(permissions) + "); allow only its owner: chmod 600");
                    }
                }
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String token = lines.isEmpty() ? "" : lines.get(0).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the admin token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file. Idempotent. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the admin token file " + path, e);
        }
    }
}
