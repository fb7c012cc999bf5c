package dev.stagecraft.bench;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/bench.jar}: starts Stagecraft from the checkout's jars against a database and
 * virtual host of its own, runs the five workloads and writes {@code <out>/<time>.json}, {@code <time>.md} and
 * {@code latest.md}. See {@code bench/README.md}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures how fast Stagecraft orchestrates deployments, against the broker and database floor.")
public final class Bench implements Callable<Integer> {

    /** The JVM options bootstrap/up starts services with by default. */
    static final String DEFAULT_JVM_OPTIONS =
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -XX:MetaspaceSize=128m";

    static final String APP = "bench";

    /** The environment whose creation's events load the read side's other environments (workload 4). */
    static final String TEMPLATE = "review-template";

    /** Clients creating environments before a workload (setting up, not measured). */
    static final int CREATORS = 8;

    @Option(names = "--repo", description = "The checkout whose jars run (default: the working directory).")
    Path repo =
            Path.of(System.getProperty("stagecraft.repo", ".")).toAbsolutePath().normalize();

    @Option(names = "--out", description = "Where reports go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench/results");

    @Option(names = "--environments", description = "Environments the write workloads deploy to (${DEFAULT-VALUE}).")
    int environments = 1000;

    @Option(
            names = "--deployments",
            description = "Deployments per offered rate of workload 1 (${DEFAULT-VALUE}: 2,100 over the three rates).")
    int deployments = 700;

    @Option(names = "--rates", split = ",", description = "Offered rates of workload 1 (${DEFAULT-VALUE}).")
    List<Double> rates = List.of(10.0, 50.0, 200.0);

    @Option(names = "--sustain-rates", split = ",", description = "Rates tried by workload 2 (${DEFAULT-VALUE}).")
    List<Double> sustainRates = List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0, 150.0, 200.0, 300.0);

    @Option(names = "--step-seconds", description = "Length of each step of workload 2 (${DEFAULT-VALUE}).")
    double stepSeconds = 8;

    @Option(
            names = "--max-workers",
            description = "Deployer-worker processes workload 2 goes up to (${DEFAULT-VALUE}).")
    int maxWorkers = 2;

    @Option(names = "--read-environments", description = "Environments loaded for workload 4 (${DEFAULT-VALUE}).")
    int readEnvironments = 10_000;

    @Option(names = "--read-clients", description = "Concurrent clients of workload 4 (${DEFAULT-VALUE}).")
    int readClients = 4;

    @Option(names = "--read-seconds", description = "Measured seconds per request kind (${DEFAULT-VALUE}).")
    double readSeconds = 10;

    @Option(names = "--floor-iterations", description = "Round trips and inserts of workload 3 (${DEFAULT-VALUE}).")
    int floorIterations = 2000;

    @Option(names = "--idle-seconds", description = "Idle window that measures background activity (${DEFAULT-VALUE}).")
    double idleSeconds = 10;

    @Option(names = "--noop-delay", description = "How long the noop driver takes per deployment (${DEFAULT-VALUE}).")
    String noopDelay = "0s";

    @Option(
            names = "--jvm-options",
            description = "JVM options of the services (default: bootstrap/up's, \"${DEFAULT-VALUE}\").")
    String jvmOptions = DEFAULT_JVM_OPTIONS;

    @Option(
            names = "--no-aot-cache",
            description = "Start services from their jars, without the AOT caches bootstrap/up trains (JDK >= 25).")
    boolean noAotCache;

    @Option(names = "--label", description = "Appended to the report's file names.")
    String label = "";

    /** The report of the last {@link #call()}, for the smoke test. */
    Report report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        List<String> options = List.of(jvmOptions.strip().split("\\s+"));
        Path logDir = repo.resolve("bench/target/bench-logs");
        say("starting Stagecraft from " + repo + " (logs in " + logDir + ")");
        try (BenchCluster cluster = BenchCluster.start(repo, logDir, options, !noAotCache);
                Bus bus = Bus.connect(cluster.infra);
                StagecraftApi api =
                        new StagecraftApi(cluster.commandUrl(), cluster.queryUrl(), BenchCluster.ADMIN_TOKEN)) {
            say("ready: " + cluster.startupMillis());
            Run run = new Run(cluster, bus, api, Queues.of(cluster.infra), new Floor(cluster.infra));
            report = run.all(started, options);
        }
        write(report);
        System.out.println();
        System.out.println(report.markdown());
        return 0;
    }

    private void write(Report report) throws IOException {
        Files.createDirectories(out);
        String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.parse(report.startedAt()))
                + (label.isBlank() ? "" : "-" + label);
        Files.writeString(
                out.resolve(name + ".json"),
                MessageCodec.instance()
                        .mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(report));
        Files.writeString(out.resolve(name + ".md"), report.markdown());
        Files.writeString(out.resolve("latest.md"), report.markdown());
        say("wrote " + out.resolve(name + ".json") + " and " + out.resolve(name + ".md"));
    }

    static void say(String message) {
        System.out.println("[bench "
                + DateTimeFormatter.ISO_LOCAL_TIME
                        .format(java.time.LocalTime.now())
                        .substring(0, 8) + "] " + message);
    }

    /** One run of the workloads against one cluster. */
    private final class Run {

        private final BenchCluster cluster;
        private final Bus bus;
        private final StagecraftApi api;
        private final List<String> queues;
        private final Floor floor;
        private final OfferedLoad load;
        private final Fleet fleet;

        /** How many environments query-service lists once the read side's are loaded. */
        private int readListed;

        Run(BenchCluster cluster, Bus bus, StagecraftApi api, List<String> queues, Floor floor) {
            this.cluster = cluster;
            this.bus = bus;
            this.api = api;
            this.queues = queues;
            this.floor = floor;
            this.load = new OfferedLoad(bus);
            this.fleet = Fleet.named(APP, "env", 1, environments);
        }

        Report all(Instant started, List<String> options) throws Exception {
            api.registerApplication(APP, noopDelay);
            // Both setting up, not measured: the read side's environments are loaded into query-service while the
            // write workloads' environments are created, and both are done before anything is measured.
            int copies = readEnvironments - environments - 1;
            CompletableFuture<Void> loading = CompletableFuture.completedFuture(null);
            if (copies >= 0) {
                ReadModelLoad load = recordTemplate();
                say("loading " + copies + " environments into query-service for workload 4 ("
                        + load.eventsPerEnvironment() + " events each), meanwhile creating " + environments
                        + " environments");
                loading = CompletableFuture.runAsync(
                        () -> {
                            try {
                                load.publish(
                                        bus,
                                        Topology.eventsQueue(Topology.QUERY_SERVICE),
                                        Fleet.named(APP, "review", 1, copies).environments());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        command -> Thread.ofVirtual().name("read-side-load").start(command));
                readListed = environments + 1 + copies;
            } else {
                say("creating " + environments + " environments");
            }
            int created = create(fleet);
            if (created < environments) {
                throw new IllegalStateException(
                        "only " + created + " of " + environments + " environments were created");
            }
            loading.join();
            if (!awaitDrained(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the queues did not drain within 10 minutes of setting up");
            }
            say("VACUUM ANALYZE, as autovacuum would after loading, and CHECKPOINT");
            vacuumAnalyze();

            // Background activity (periodic status checks, queue scans) is measured while nothing is deployed
            // and taken out of what one deployment costs. PostgreSQL's statistics of an idle backend reach
            // pg_stat_database within 10 s, hence the pause before the first reading.
            pause(11);
            Mark idleStart = mark();
            pause(idleSeconds);
            Mark idleEnd = mark();

            List<String> problems = new ArrayList<>();
            List<OfferedLoad.Result> latency = new ArrayList<>();
            Mark costStart = idleEnd;
            Mark costEnd = null;
            long costDeployments = 0;
            for (double rate : rates) {
                awaitDrainedBefore("workload 1 at " + Report.number(rate) + "/s", problems);
                say("workload 1: " + deployments + " deployments at " + Report.number(rate) + "/s");
                OfferedLoad.Result result = deployAt(rate, deployments, Duration.ofSeconds(60));
                latency.add(result);
                say("  " + result.latency());
                if (costEnd == null) {
                    pause(11);
                    costEnd = mark();
                    costDeployments = result.succeeded();
                }
            }

            List<Report.Sustained> sustained = new ArrayList<>();
            double from = 0;
            for (int workers = 1; workers <= maxWorkers; workers++) {
                if (cluster.workerCount() < workers) {
                    say("starting deployer-worker " + workers);
                    cluster.addWorker();
                }
                Report.Sustained result = sustain(workers, from, problems);
                sustained.add(result);
                from = result.sustainedRate();
            }

            say("workload 3: the floor");
            Bus.Tally messages = costEnd.messages.minus(costStart.messages);
            long meanBytes = messages.messages() == 0 ? 512 : messages.bytes() / messages.messages();
            Latencies.Summary amqp = floor.amqpRoundTrip((int) meanBytes, floorIterations);
            Latencies.Summary postgres = floor.postgresInsertCommit((int) meanBytes, floorIterations);
            Report.Cost cost =
                    cost(idleStart, idleEnd, costStart, costEnd, costDeployments, meanBytes, amqp, postgres, latency);

            Report.ReadSide readSide = null;
            try {
                readSide = readSide();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                problems.add("workload 4 (read side) did not complete: " + e.getMessage());
                say(problems.getLast());
            }

            Map<String, Long> resident = new LinkedHashMap<>();
            cluster.services()
                    .forEach(service -> service.residentBytes()
                            .ifPresent(bytes -> resident.put(service.name, bytes / (1024 * 1024))));
            Map<String, Double> startup = cluster.startupMillis();
            return new Report(
                    started.toString(),
                    Math.round((Instant.now().toEpochMilli() - started.toEpochMilli()) / 100.0) / 10.0,
                    machine(),
                    new Report.Settings(
                            environments,
                            deployments,
                            rates,
                            sustainRates,
                            stepSeconds,
                            maxWorkers,
                            readEnvironments,
                            readClients,
                            readSeconds,
                            noopDelay,
                            options,
                            cluster.withAotCache()),
                    startup,
                    latency,
                    sustained,
                    cost,
                    readSide,
                    resident,
                    Report.targets(latency, sustained, cost, readSide, startup, resident),
                    problems);
        }

        /**
         * Creates the environments with {@value #CREATORS} clients, each sending its next request when the previous
         * one is answered, so that creation goes as fast as command-service decides and never overloads it (setting
         * up, not measured). A request that fails is sent once more. Returns how many exist.
         */
        private int create(Fleet environments) throws InterruptedException {
            List<String> names = environments.environments();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger created = new AtomicInteger();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            try (ExecutorService creators = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CREATORS; c++) {
                    creators.execute(() -> {
                        for (int i = next.getAndIncrement(); i < names.size(); i = next.getAndIncrement()) {
                            if (createOnce(environments.app, names.get(i))
                                    || createOnce(environments.app, names.get(i))) {
                                created.incrementAndGet();
                            } else if (failures.size() < 5) {
                                failures.add(names.get(i));
                            }
                        }
                    });
                }
            }
            if (created.get() < names.size()) {
                say("  " + (names.size() - created.get()) + " of " + names.size()
                        + " environments could not be created, " + "e.g. " + failures);
            }
            awaitDrained(Duration.ofMinutes(5));
            return created.get();
        }

        /** True if the environment was created, or exists already (a retried request that had been decided). */
        private boolean createOnce(String app, String name) {
            try {
                api.createEnvironment(app, name, "1.0.0");
                return true;
            } catch (RuntimeException e) {
                return String.valueOf(e.getMessage()).contains(" answered 409 ");
            }
        }

        private OfferedLoad.Result deployAt(double rate, int count, Duration drainTimeout) throws InterruptedException {
            return load.run(
                    rate,
                    count,
                    i -> {
                        Fleet.Target target = fleet.next();
                        return api.deploy(APP, target.environment(), target.version());
                    },
                    drainTimeout);
        }

        /**
         * Steps up from {@code from} until a step is not sustained. If the very first step is not, steps down
         * through the lower rates until one is, so that a second worker that does not help still gets a figure.
         */
        private Report.Sustained sustain(int workers, double from, List<String> problems)
                throws InterruptedException, IOException {
            List<Report.Step> steps = new ArrayList<>();
            double best = 0;
            for (double rate : sustainRates) {
                if (rate < from) {
                    continue;
                }
                if (!step(workers, rate, steps, problems)) {
                    break;
                }
                best = rate;
            }
            if (best == 0) {
                List<Double> lower = sustainRates.stream()
                        .filter(rate -> rate < from)
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList();
                for (double rate : lower) {
                    if (step(workers, rate, steps, problems)) {
                        best = rate;
                        break;
                    }
                }
            }
            return new Report.Sustained(workers, best, steps);
        }

        /** One step of workload 2; true if it was sustained. */
        private boolean step(int workers, double rate, List<Report.Step> steps, List<String> problems)
                throws InterruptedException {
            awaitDrainedBefore("workload 2 at " + Report.number(rate) + "/s", problems);
            int count = (int) Math.max(100, Math.round(rate * stepSeconds));
            say("workload 2: " + workers + " worker(s), " + count + " deployments at " + Report.number(rate) + "/s");
            OfferedLoad.Result result = deployAt(rate, count, Duration.ofSeconds(30));
            long drainStart = System.nanoTime();
            boolean drained = awaitDrained(Duration.ofSeconds(60));
            double drainSeconds = Math.round((System.nanoTime() - drainStart) / 1e8) / 10.0;
            String verdict = verdict(result, drained, drainSeconds);
            say("  " + verdict + " " + result.latency());
            steps.add(new Report.Step(result, drainSeconds, verdict.equals("sustained"), verdict));
            return verdict.equals("sustained");
        }

        private static String verdict(OfferedLoad.Result result, boolean drained, double drainSeconds) {
            if (result.failed() + result.refused() > 0) {
                return "errors";
            }
            if (!result.allFinished()) {
                return "did not finish";
            }
            if (result.completedPerSecond() < 0.95 * result.offeredRate()) {
                return "fell behind";
            }
            if (result.lastThird().p50() > 2 * result.firstThird().p50() + 20) {
                return "latency grew";
            }
            if (!drained || drainSeconds > 10) {
                return "queues backed up";
            }
            return "sustained";
        }

        private Report.Cost cost(
                Mark idleStart,
                Mark idleEnd,
                Mark costStart,
                Mark costEnd,
                long deploymentsCounted,
                long meanBytes,
                Latencies.Summary amqp,
                Latencies.Summary postgres,
                List<OfferedLoad.Result> latency) {
            double idle = (idleEnd.nanos - idleStart.nanos) / 1e9;
            double backgroundMessages = (idleEnd.messages.messages() - idleStart.messages.messages()) / idle;
            double backgroundTransactions = (idleEnd.transactions - idleStart.transactions) / idle;
            double window = (costEnd.nanos - costStart.nanos) / 1e9;
            double messages =
                    (costEnd.messages.messages() - costStart.messages.messages() - backgroundMessages * window)
                            / Math.max(1, deploymentsCounted);
            double transactions = (costEnd.transactions - costStart.transactions - backgroundTransactions * window)
                    / Math.max(1, deploymentsCounted);
            double floorMillis = messages * amqp.p50() + transactions * postgres.p50();
            OfferedLoad.Result reference = latency.stream()
                    .filter(r -> r.offeredRate() == 50)
                    .findFirst()
                    .orElse(latency.getFirst());
            OfferedLoad.Result lightest = latency.stream()
                    .min(java.util.Comparator.comparingDouble(OfferedLoad.Result::offeredRate))
                    .orElse(reference);
            return new Report.Cost(
                    deploymentsCounted,
                    round(messages),
                    round(transactions),
                    meanBytes,
                    round(backgroundMessages),
                    round(backgroundTransactions),
                    amqp,
                    postgres,
                    round(floorMillis),
                    reference.latency().p50(),
                    reference.offeredRate(),
                    round(reference.latency().p50() / Math.max(1e-9, floorMillis)),
                    lightest.offeredRate(),
                    lightest.latency().p50(),
                    round(lightest.latency().p50() / Math.max(1e-9, floorMillis)));
        }

        /**
         * Creates one more environment while recording every event it causes: the template of the read side's
         * environments (see {@link ReadModelLoad}).
         */
        private ReadModelLoad recordTemplate() throws Exception {
            say("recording the events of one environment's creation");
            Bus.Recording recording = bus.record(APP, TEMPLATE);
            String deploymentId = api.createEnvironment(APP, TEMPLATE, "1.0.0");
            if (!bus.outcome(deploymentId).get(60, TimeUnit.SECONDS).succeeded()) {
                throw new IllegalStateException("creating " + TEMPLATE + " failed");
            }
            awaitDrained(Duration.ofSeconds(60));
            return new ReadModelLoad(TEMPLATE, recording.stop());
        }

        private Report.ReadSide readSide() throws Exception {
            int total = Math.max(environments, readListed);
            long listed = awaitListed(total, Duration.ofMinutes(5));
            awaitDrained(Duration.ofMinutes(2));
            say("workload 4: list of " + listed + " environments, " + readClients + " clients");
            Duration warmUp = Duration.ofSeconds(2);
            Duration measured = Duration.ofMillis((long) (readSeconds * 1000));
            ClosedLoad.Result list = ClosedLoad.run(readClients, warmUp, measured, i -> api.listEnvironments(APP));
            say("  " + list.latency());
            List<String> names = fleet.environments();
            say("workload 4: diff, " + readClients + " clients");
            ClosedLoad.Result diff = ClosedLoad.run(
                    readClients,
                    warmUp,
                    measured,
                    i -> api.diff(APP, names.get(i % names.size()), names.get((i * 7 + 1) % names.size())));
            say("  " + diff.latency());
            return new Report.ReadSide(total, listed, list, diff);
        }

        private long awaitListed(int expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long listed = 0;
            while (System.nanoTime() < deadline) {
                StagecraftApi.Answer answer = api.listEnvironments(APP);
                if (answer.ok() && answer.totalCount() != null) {
                    listed = Long.parseLong(answer.totalCount());
                    if (listed >= expected) {
                        return listed;
                    }
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException(
                    "query-service lists " + listed + " environments of " + expected + " after " + timeout);
        }

        /**
         * Lets the consumers catch up with what the previous workload left (query-service's projection is the
         * slowest) before {@code what} starts, so that no measurement inherits another's backlog; up to 5 minutes,
         * after which the measurement starts anyway and the report says so.
         */
        private void awaitDrainedBefore(String what, List<String> problems) throws InterruptedException {
            long start = System.nanoTime();
            Map<String, Long> before;
            try {
                before = new LinkedHashMap<>(bus.backlogs(queues));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the queue depths: " + e.getMessage(), e);
            }
            before.values().removeIf(waiting -> waiting == 0);
            if (!awaitDrained(Duration.ofMinutes(5))) {
                problems.add("the queues had not drained 5 minutes before " + what + "; it started anyway");
                say(problems.getLast());
            } else if (System.nanoTime() - start > 1_000_000_000L) {
                say("  waited " + Math.round((System.nanoTime() - start) / 1e9) + " s for the queues to drain "
                        + before);
            }
        }

        /** Waits until Stagecraft's queues are empty; false if they are not after {@code timeout}. */
        private boolean awaitDrained(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (bus.backlog(queues) > 0) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(100);
                }
                return true;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the queue depths: " + e.getMessage(), e);
            }
        }

        private Mark mark() throws SQLException {
            return new Mark(System.nanoTime(), bus.tally(), floor.committedTransactions());
        }

        private Report.Machine machine() throws IOException, SQLException, TimeoutException {
            return new Report.Machine(
                    InetAddress.getLocalHost().getHostName(),
                    Runtime.getRuntime().availableProcessors(),
                    memoryMegabytes(),
                    cpu(),
                    osName(),
                    System.getProperty("java.vm.name") + " " + Runtime.version(),
                    postgresVersion(),
                    bus.serverVersion());
        }

        /** The server's version, and whether autovacuum runs (the report says so when it does not). */
        private String postgresVersion() throws SQLException {
            try (var connection = DriverManager.getConnection(
                            cluster.infra.jdbcUrl(), cluster.infra.databaseUser(), cluster.infra.databasePassword());
                    var statement = connection.createStatement();
                    var result = statement.executeQuery(
                            "SELECT current_setting('server_version'), current_setting('autovacuum')")) {
                result.next();
                String version = result.getString(1).split(" ")[0];
                return "on".equals(result.getString(2)) ? version : version + " (autovacuum off)";
            }
        }

        /**
         * {@code VACUUM ANALYZE} of the run's database once it is set up: what autovacuum does after a bulk load, done
         * at a known moment so that every run measures with statistics that describe its 10,000 environments (and so
         * that a server running without autovacuum, as this project's CI machines do, measures the same). Then a
         * {@code CHECKPOINT}, as pgbench's documentation advises, so that writing out what the load and the vacuum
         * dirtied does not fall into a measurement; a role that may not checkpoint only skips it.
         */
        private void vacuumAnalyze() throws SQLException {
            try (var connection = DriverManager.getConnection(
                            cluster.infra.jdbcUrl(), cluster.infra.databaseUser(), cluster.infra.databasePassword());
                    var statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE)");
                try {
                    statement.execute("CHECKPOINT");
                } catch (SQLException e) {
                    say("  no CHECKPOINT: " + e.getMessage());
                }
            }
        }
    }

    private static long memoryMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst()
                .orElse(0L);
    }

    private static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }

    private static String osName() throws IOException {
        Path release = Path.of("/etc/os-release");
        if (Files.isRegularFile(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", Linux "
                            + System.getProperty("os.version");
                }
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static void pause(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Counters read at one moment: messages published and transactions committed so far. */
    private record Mark(long nanos, Bus.Tally messages, long transactions) {}
}
