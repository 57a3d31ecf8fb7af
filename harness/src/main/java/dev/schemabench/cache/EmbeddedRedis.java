package dev.schemabench.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server started from the binaries the {@code embedded-redis} jar ships, on a free loopback port with a
 * temporary working directory and no persistence; {@link #close()} stops it and deletes the directory, and a shutdown
 * hook does the same if the JVM exits first. {@link #stop()} and {@link #start()} let a measurement take the server
 * away and bring it back on the same port. Not thread-safe for lifecycle calls.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final RedisServer server;
    private final Thread shutdownHook;

    private EmbeddedRedis(Path directory, int port, RedisServer server) {
        this.directory = directory;
        this.port = port;
        this.server = server;
        this.shutdownHook = new Thread(this::stopAndDelete, "schemabench-redis-stop");
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @throws IOException when the binary cannot be extracted or the server does not start
     */
    public static EmbeddedRedis start(int maxClients) throws IOException {
        Path directory = Files.createTempDirectory("schemabench-redis");
        int port = freePort();
        RedisServer server = RedisServer.newRedisServer()
                .executableProvider(ExecutableProvider.newJarResourceProvider(directory.toFile()))
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + directory)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("maxclients " + maxClients)
                .setting("protected-mode yes")
                .onShutdownForceStop(true)
                .build();
        EmbeddedRedis redis = new EmbeddedRedis(directory, port, server);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            redis.stopAndDelete();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
        return redis;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The loopback address and port. */
    public HostAndPort address() {
        return new HostAndPort("127.0.0.1", port);
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server process (its data is gone); {@link #start()} brings it back on the same port. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stop()}. */
    public void start() throws IOException {
        server.start();
    }

    /** Whether the server process is running. */
    public boolean running() {
        return server.isActive();
    }

    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    private void stopAndDelete() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        } catch (IOException | RuntimeException e) {
            // best effort on the way out
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
