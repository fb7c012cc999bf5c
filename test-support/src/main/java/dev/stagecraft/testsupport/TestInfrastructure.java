package dev.stagecraft.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL and RabbitMQ are. By default the ones on localhost (overridable with the
 * environment variables below); only if one is not reachable and a Docker engine is, a container stands in.
 *
 * <pre>
 * STAGECRAFT_TEST_PG_HOST (127.0.0.1)  STAGECRAFT_TEST_PG_PORT (5432)
 * STAGECRAFT_TEST_PG_USER (postgres)   STAGECRAFT_TEST_PG_PASSWORD ("")
 * STAGECRAFT_TEST_RABBITMQ_HOST (127.0.0.1)  STAGECRAFT_TEST_RABBITMQ_PORT (5672)
 * STAGECRAFT_TEST_RABBITMQ_USER (guest)      STAGECRAFT_TEST_RABBITMQ_PASSWORD (guest)
 * STAGECRAFT_TEST_RABBITMQ_MANAGEMENT_PORT (15672)
 * </pre>
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static @Nullable TestInfrastructure instance;

    public final Endpoint postgres;
    public final Endpoint rabbit;
    public final int rabbitManagementPort;

    /** host, port and credentials of a server. */
    public record Endpoint(String host, int port, String user, String password) {}

    private TestInfrastructure(Endpoint postgres, Endpoint rabbit, int rabbitManagementPort) {
        this.postgres = postgres;
        this.rabbit = rabbit;
        this.rabbitManagementPort = rabbitManagementPort;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure(findPostgres(), findRabbit(), findRabbitManagementPort());
        }
        return instance;
    }

    private static Endpoint findPostgres() {
        Endpoint local = new Endpoint(
                env("STAGECRAFT_TEST_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("STAGECRAFT_TEST_PG_PORT", "5432")),
                env("STAGECRAFT_TEST_PG_USER", "postgres"),
                env("STAGECRAFT_TEST_PG_PASSWORD", ""));
        if (reachable(local) || !dockerAvailable()) {
            return local;
        }
        log.info("PostgreSQL not reachable at {}:{}; starting a container", local.host(), local.port());
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new Endpoint(
                container.getHost(), container.getFirstMappedPort(), container.getUsername(), container.getPassword());
    }

    private static Endpoint findRabbit() {
        Endpoint local = new Endpoint(
                env("STAGECRAFT_TEST_RABBITMQ_HOST", "127.0.0.1"),
                Integer.parseInt(env("STAGECRAFT_TEST_RABBITMQ_PORT", "5672")),
                env("STAGECRAFT_TEST_RABBITMQ_USER", "guest"),
                env("STAGECRAFT_TEST_RABBITMQ_PASSWORD", "guest"));
        if (reachable(local) || !dockerAvailable()) {
            return local;
        }
        log.info("RabbitMQ not reachable at {}:{}; starting a container", local.host(), local.port());
        RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
        container.start();
        containerManagementPort = container.getHttpPort();
        return new Endpoint(
                container.getHost(),
                container.getAmqpPort(),
                container.getAdminUsername(),
                container.getAdminPassword());
    }

    private static int containerManagementPort = -1;

    private static int findRabbitManagementPort() {
        return containerManagementPort > 0
                ? containerManagementPort
                : Integer.parseInt(env("STAGECRAFT_TEST_RABBITMQ_MANAGEMENT_PORT", "15672"));
    }

    static boolean reachable(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
