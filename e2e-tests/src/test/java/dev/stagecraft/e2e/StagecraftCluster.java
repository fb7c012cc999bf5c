package dev.stagecraft.e2e;

import static org.awaitility.Awaitility.await;

import dev.stagecraft.testsupport.IsolatedEnvironment;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All four services started from their jars against a database and virtual host of their own, so the
 * run disturbs neither other tests nor a running {@code ./bootstrap/up}.
 */
final class StagecraftCluster implements AutoCloseable {

    final Path repo;
    final IsolatedEnvironment infra;
    final Path workDir;
    final ServiceProcess command;
    final ServiceProcess query;
    final ServiceProcess notifier;
    final ServiceProcess deployer;

    private StagecraftCluster(Path repo, IsolatedEnvironment infra, Path workDir, List<ServiceProcess> services) {
        this.repo = repo;
        this.infra = infra;
        this.workDir = workDir;
        this.query = services.get(0);
        this.notifier = services.get(1);
        this.deployer = services.get(2);
        this.command = services.get(3);
    }

    static StagecraftCluster start() throws IOException {
        return start(Map.of(), Map.of());
    }

    /**
     * Started with extra environment variables: {@code forAll} for every service (e.g. a shared
     * {@code STAGECRAFT_SECRETS_KEY}), {@code forDeployer} for deployer-worker only (e.g. its Vault address).
     */
    static StagecraftCluster start(Map<String, String> forAll, Map<String, String> forDeployer) throws IOException {
        Path repo = repo();
        IsolatedEnvironment infra = IsolatedEnvironment.create("e2e");
        Path workDir = Files.createTempDirectory("stagecraft-e2e-");
        Map<String, String> environment = serviceEnvironment(infra, workDir);
        environment.putAll(forAll);

        // query-service asks command-service who each caller is, and tells its dashboard where command-service and
        // notifier-service answer; they start after it, so their ports are chosen now and handed to query-service.
        int commandPort = ServiceProcess.freePort();
        int notifierPort = ServiceProcess.freePort();
        Map<String, String> queryEnvironment = new HashMap<>(environment);
        queryEnvironment.put("STAGECRAFT_QUERY_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort);
        queryEnvironment.put("STAGECRAFT_QUERY_DASHBOARD_COMMAND_URL", "http://127.0.0.1:" + commandPort);
        queryEnvironment.put("STAGECRAFT_QUERY_DASHBOARD_NOTIFIER_URL", "http://127.0.0.1:" + notifierPort);
        ServiceProcess query = service(repo, "query-service", queryEnvironment);
        ServiceProcess notifier = service(repo, "notifier-service", "notifier-service", environment, notifierPort);
        Map<String, String> deployerEnvironment = new HashMap<>(environment);
        deployerEnvironment.putAll(forDeployer);
        ServiceProcess deployer = service(repo, "deployer-worker", deployerEnvironment);
        Map<String, String> commandEnvironment = new HashMap<>(environment);
        commandEnvironment.put("STAGECRAFT_COMMAND_QUERY_BASE_URL", query.baseUrl());
        ServiceProcess command = service(repo, "command-service", "command-service", commandEnvironment, commandPort);
        List<ServiceProcess> services = List.of(query, notifier, deployer, command);
        StagecraftCluster cluster = new StagecraftCluster(repo, infra, workDir, services);
        try {
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> services.stream().allMatch(ServiceProcess::ready));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    static ServiceProcess service(Path repo, String module, Map<String, String> environment) throws IOException {
        return service(repo, module, module, environment, ServiceProcess.freePort());
    }

    /**
     * Starts {@code module}'s jar as the end-to-end tests do, logging to {@code e2e-tests/target/e2e-logs/<name>.log}
     * (several processes of one module get names of their own).
     */
    static ServiceProcess service(Path repo, String module, String name, Map<String, String> environment, int port)
            throws IOException {
        return ServiceProcess.start(
                repo,
                module,
                name,
                environment,
                port,
                repo.resolve("e2e-tests/target/e2e-logs"),
                ServiceProcess.TEST_JVM_OPTIONS);
    }

    /** The checkout whose jars are started: {@code -Dstagecraft.repo}, else the parent of the working directory. */
    static Path repo() {
        return Path.of(System.getProperty("stagecraft.repo", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * How every service reaches the isolated database and virtual host, where local workloads live, and the
     * bootstrap admin token command-service gives user {@code admin} ({@link Clients#ADMIN_TOKEN}, which the
     * clients send by default).
     */
    static Map<String, String> serviceEnvironment(IsolatedEnvironment infra, Path workDir) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", infra.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", infra.databaseUser());
        environment.put("SPRING_DATASOURCE_PASSWORD", infra.databasePassword());
        environment.put("SPRING_RABBITMQ_HOST", infra.rabbitHost());
        environment.put("SPRING_RABBITMQ_PORT", Integer.toString(infra.rabbitPort()));
        environment.put("SPRING_RABBITMQ_USERNAME", infra.rabbitUser());
        environment.put("SPRING_RABBITMQ_PASSWORD", infra.rabbitPassword());
        environment.put("SPRING_RABBITMQ_VIRTUAL_HOST", infra.virtualHost());
        environment.put("STAGECRAFT_DEPLOYER_LOCAL_WORK_DIR", workDir.toString());
        environment.put("STAGECRAFT_AUTH_BOOTSTRAP_ADMIN_TOKEN", Clients.ADMIN_TOKEN);
        return environment;
    }

    @Override
    public void close() {
        for (ServiceProcess service : List.of(command, deployer, notifier, query)) {
            service.close();
        }
        infra.close();
    }
}
