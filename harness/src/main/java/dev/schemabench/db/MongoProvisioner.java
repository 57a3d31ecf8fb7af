package dev.schemabench.db;

import dev.schemabench.design.DesignUnavailableException;
import dev.schemabench.shared.SecretFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Provides the MongoDB server the mongo design uses, in this order: a connection string the user gave
 * ({@code --mongo-uri} or {@code MONGO_URI}); a Testcontainers container when a Docker engine answers; a
 * {@code mongod} from {@code MONGOD_BIN} or the {@code PATH}, started on a free loopback port with a temporary dbpath.
 * Otherwise the design is unavailable, with a reason that says how to provide a server.
 */
public final class MongoProvisioner {

    /** The image used with Testcontainers. */
    public static final String IMAGE = "mongo:7.0";

    /** How to provide a server, for every message that says none was found. */
    public static final String HOW_TO_PROVIDE = "give --mongo-uri mongodb://HOST:PORT (or MONGO_URI), run a Docker"
            + " engine for Testcontainers, or put mongod on PATH (or MONGOD_BIN)";

    private MongoProvisioner() {
    }

    /**
     * Provides a server.
     *
     * @param uri the user's connection string, or null to look for Docker and then mongod
     * @throws DesignUnavailableException when no server can be provided
     */
    public static MongoHandle provision(String uri) {
        String given = uri != null ? uri : System.getenv("MONGO_URI");
        if (given != null && !given.isBlank()) {
            if (!given.startsWith("mongodb://") && !given.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException("--mongo-uri must start with mongodb:// or mongodb+srv://, got "
                        + mask(given));
            }
            return external(given);
        }
        if (dockerAvailable()) {
            MongoDBContainer container = new MongoDBContainer(DockerImageName.parse(IMAGE));
            container.start();
            return new MongoHandle() {
                @Override
                public String uri() {
                    return container.getReplicaSetUrl();
                }

                @Override
                public String origin() {
                    return "testcontainers";
                }

                @Override
                public void close() {
                    container.stop();
                }
            };
        }
        Path mongod = findMongod();
        if (mongod != null) {
            return startMongod(mongod);
        }
        throw new DesignUnavailableException("no MongoDB server: " + HOW_TO_PROVIDE);
    }

    /** Masks the password of a MongoDB connection string. */
    public static String mask(String uri) {
        if (uri == null) {
            return null;
        }
        return uri.replaceAll("(mongodb(?:\\+srv)?://[^:/@\\s]+:)[^@\\s]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&\\s]*", "$1***");
    }

    private static MongoHandle external(String uri) {
        return new MongoHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String origin() {
                return "external";
            }

            @Override
            public void close() {
                // Not ours to stop.
            }
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path findMongod() {
        String configured = System.getenv("MONGOD_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new DesignUnavailableException("MONGOD_BIN=" + configured + " is not an executable file");
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return null;
        }
        for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "mongod");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static MongoHandle startMongod(Path mongod) {
        try {
            Path dbPath = Files.createTempDirectory("schemabench-mongod-");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(List.of(mongod.toString(), "--dbpath", dbPath.toString(),
                    "--port", Integer.toString(port), "--bind_ip", "127.0.0.1", "--quiet"))
                    .redirectErrorStream(true).redirectOutput(dbPath.resolve("mongod.log").toFile());
            SecretFile.removeSecrets(builder.environment());
            Process process = builder.start();
            AtomicBoolean closed = new AtomicBoolean();
            Runnable stop = () -> {
                if (closed.getAndSet(true)) {
                    return;
                }
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                deleteTree(dbPath);
            };
            Thread hook = new Thread(stop, "schemabench-mongod-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.exists(dbPath.resolve("mongod.log"))
                            ? Files.readString(dbPath.resolve("mongod.log")) : "";
                    stop.run();
                    throw new DesignUnavailableException("mongod at " + mongod + " did not start: "
                            + log.lines().reduce((first, second) -> second).orElse("no output"));
                }
                Thread.sleep(100);
            }
            String uri = "mongodb://127.0.0.1:" + port;
            return new MongoHandle() {
                @Override
                public String uri() {
                    return uri;
                }

                @Override
                public String origin() {
                    return "mongod";
                }

                @Override
                public OptionalLong serverPid() {
                    return OptionalLong.of(process.pid());
                }

                @Override
                public void close() {
                    stop.run();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // The hook is running.
                    }
                }
            };
        } catch (IOException e) {
            throw new DesignUnavailableException("could not start mongod: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DesignUnavailableException("interrupted while starting mongod");
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
