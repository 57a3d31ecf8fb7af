package dev.schemabench.db;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL 17 in a container, for users whose machine runs a Docker engine. */
final class TestcontainersPostgres implements PostgresHandle {

    static final String IMAGE = "postgres:17";

    private final PostgreSQLContainer<?> container;
    private final PostgresServer server;

    private TestcontainersPostgres(PostgreSQLContainer<?> container) {
        this.container = container;
        this.server = new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "testcontainers");
    }

    static TestcontainersPostgres start() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new ProvisioningException("--pg testcontainers needs a running Docker engine and none answers;"
                    + " use the embedded default or --pg-url");
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE));
        container.start();
        return new TestcontainersPostgres(container);
    }

    @Override
    public PostgresServer server() {
        return server;
    }

    @Override
    public void close() {
        container.stop();
    }
}
