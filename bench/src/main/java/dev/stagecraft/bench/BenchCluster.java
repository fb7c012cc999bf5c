package dev.stagecraft.bench;

import dev.stagecraft.testsupport.IsolatedEnvironment;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services started from their jars, one after the other so that each one's start-up time is its own,
 * against a database and virtual host of the run's own. More deployer-worker processes can join later.
 */
final class BenchCluster implements AutoCloseable {

    /** The token user {@code admin} holds in the cluster (command-service's bootstrap admin token). */
    static final String ADMIN_TOKEN = "sc_bench-admin-token-not-for-production";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    final IsolatedEnvironment infra;
    private final Path logDir;
    private final List<String> jvmOptions;
    private final Map<String, Launches.Launch> launches;
    private final Map<String, String> environment;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Double> startupMillis = new LinkedHashMap<>();
    private ServiceProcess command;
    private ServiceProcess query;

    private BenchCluster(
            Path logDir,
            List<String> jvmOptions,
            IsolatedEnvironment infra,
            Path workDir,
            Map<String, Launches.Launch> launches) {
        this.launches = launches;
        this.logDir = logDir;
        this.jvmOptions = jvmOptions;
        this.infra = infra;
        this.environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", infra.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", infra.databaseUser());
        environment.put("SPRING_DATASOURCE_PASSWORD", infra.databasePassword());
        environment.put("SPRING_RABBITMQ_HOST", infra.rabbitHost());
        environment.put("SPRING_RABBITMQ_PORT", Integer.toString(infra.rabbitPort()));
        environment.put("SPRING_RABBITMQ_USERNAME", infra.rabbitUser());
        environment.put("SPRING_RABBITMQ_PASSWORD", infra.rabbitPassword());
        environment.put("SPRING_RABBITMQ_VIRTUAL_HOST", infra.virtualHost());
        environment.put("STAGECRAFT_DEPLOYER_LOCAL_WORK_DIR", workDir.toString());
        environment.put("STAGECRAFT_AUTH_BOOTSTRAP_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    /**
     * Starts the services with {@code jvmOptions}; with {@code aotCaches}, each from its extracted jar with its
     * AOT cache ({@link Launches}), made first against a throw-away database and virtual host if missing or stale.
     */
    static BenchCluster start(Path repo, Path logDir, List<String> jvmOptions, boolean aotCaches)
            throws IOException, InterruptedException {
        List<String> modules = List.of("query-service", "notifier-service", "deployer-worker", "command-service");
        Map<String, Launches.Launch> launches;
        if (aotCaches) {
            IsolatedEnvironment training = IsolatedEnvironment.create("bench-aot");
            BenchCluster trainer = new BenchCluster(
                    logDir, jvmOptions, training, Files.createTempDirectory("stagecraft-bench-"), Map.of());
            launches = Launches.withAotCaches(
                    repo, repo.resolve("bench/target/aot"), jvmOptions, modules, trainer.environment);
        } else {
            launches = Launches.plain(repo, modules);
        }
        IsolatedEnvironment infra = IsolatedEnvironment.create("bench");
        BenchCluster cluster =
                new BenchCluster(logDir, jvmOptions, infra, Files.createTempDirectory("stagecraft-bench-"), launches);
        try {
            cluster.startAll();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll() throws IOException, InterruptedException {
        // query-service asks command-service who each caller is and command-service asks query-service for
        // list/diff: command-service's port is chosen first and handed to query-service.
        int commandPort = ServiceProcess.freePort();
        query = startTimed(
                "query-service",
                "query-service",
                Map.of("STAGECRAFT_QUERY_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort),
                ServiceProcess.freePort());
        startTimed("notifier-service", "notifier-service", Map.of(), ServiceProcess.freePort());
        addWorker();
        command = startTimed(
                "command-service",
                "command-service",
                Map.of("STAGECRAFT_COMMAND_QUERY_BASE_URL", query.baseUrl()),
                commandPort);
    }

    /** Starts one more deployer-worker process and waits until it is ready. */
    ServiceProcess addWorker() throws IOException, InterruptedException {
        long workers = services.stream()
                .filter(s -> s.name.startsWith("deployer-worker"))
                .count();
        return startTimed("deployer-worker", "deployer-worker-" + (workers + 1), Map.of(), ServiceProcess.freePort());
    }

    private ServiceProcess startTimed(String module, String name, Map<String, String> extra, int port)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extra);
        long started = System.nanoTime();
        Launches.Launch launch = launches.get(module);
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(launch.options());
        ServiceProcess service = ServiceProcess.start(launch.jar(), name, env, port, logDir, options);
        services.add(service);
        service.awaitReady(READY_TIMEOUT);
        startupMillis.put(name, (System.nanoTime() - started) / 1e6);
        return service;
    }

    /** The modules that started with an AOT cache. */
    List<String> withAotCache() {
        return launches.entrySet().stream()
                .filter(launch -> !launch.getValue().options().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    String commandUrl() {
        return command.baseUrl();
    }

    String queryUrl() {
        return query.baseUrl();
    }

    long workerCount() {
        return services.stream()
                .filter(s -> s.name.startsWith("deployer-worker"))
                .count();
    }

    /** Milliseconds from process start to ready, per service, in start order. */
    Map<String, Double> startupMillis() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(startupMillis));
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public void close() {
        for (ServiceProcess service : services.reversed()) {
            service.close();
        }
        infra.close();
    }
}
