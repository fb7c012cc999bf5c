package dev.stagecraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything one run measured, written as JSON and rendered as Markdown. */
record Report(
        String startedAt,
        double durationSeconds,
        Machine machine,
        Settings settings,
        Map<String, Double> startupMillis,
        List<OfferedLoad.Result> latency,
        List<Sustained> sustained,
        @Nullable Cost cost,
        @Nullable ReadSide readSide,
        Map<String, Long> residentMegabytes,
        List<Target> targets,
        List<String> problems) {

    /** Where the run happened. */
    record Machine(
            String host,
            int cores,
            long memoryMegabytes,
            String cpu,
            String os,
            String java,
            String postgres,
            String rabbitmq) {}

    /** What the run was asked to do. */
    record Settings(
            int environments,
            int deploymentsPerRate,
            List<Double> rates,
            List<Double> sustainRates,
            double stepSeconds,
            int maxWorkers,
            int readEnvironments,
            int readClients,
            double readSeconds,
            String noopDelay,
            List<String> jvmOptions,
            List<String> withAotCache) {}

    /** The search for the highest rate that {@code workers} deployer-worker processes sustain. */
    record Sustained(int workers, double sustainedRate, List<Step> steps) {}

    /** One step of that search: its offered load, how long the queues took to drain after it, the verdict. */
    record Step(OfferedLoad.Result load, double drainSeconds, boolean sustained, String verdict) {}

    /**
     * What one deployment costs (messages published, transactions committed, background activity taken out) and
     * the floor of those on this broker and database.
     */
    record Cost(
            long deployments,
            double messagesPerDeployment,
            double transactionsPerDeployment,
            long meanMessageBytes,
            double backgroundMessagesPerSecond,
            double backgroundTransactionsPerSecond,
            Latencies.Summary amqpRoundTrip,
            Latencies.Summary postgresInsertCommit,
            double floorMillis,
            double e2eP50Millis,
            double atRate,
            double overheadRatio,
            double lightestRate,
            double e2eP50AtLightestMillis,
            double overheadRatioAtLightest) {}

    /** List and diff under concurrent load, with {@code environments} environments and their history loaded. */
    record ReadSide(int environments, long listedEnvironments, ClosedLoad.Result list, ClosedLoad.Result diff) {}

    /** One target of issue 5 and whether this run met it. */
    record Target(String what, String goal, String measured, boolean met) {}

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Stagecraft benchmark, ").append(startedAt).append("\n\n");
        md.append("Machine: ")
                .append(machine.cores())
                .append(" cores (")
                .append(machine.cpu())
                .append("), ")
                .append(machine.memoryMegabytes() / 1024)
                .append(" GiB, ")
                .append(machine.os())
                .append("; ")
                .append(machine.java())
                .append("; PostgreSQL ")
                .append(machine.postgres())
                .append("; RabbitMQ ")
                .append(machine.rabbitmq())
                .append(". All services, the broker, the database and the harness on this machine. Run took ")
                .append(Math.round(durationSeconds))
                .append(" s.\n\n");

        if (!problems.isEmpty()) {
            md.append("### Problems\n\n");
            problems.forEach(problem -> md.append("- ").append(problem).append("\n"));
            md.append("\n");
        }
        md.append("### Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        for (Target target : targets) {
            md.append(row(target.what(), target.goal(), target.measured(), target.met() ? "yes" : "**no**"));
        }

        md.append("\n### 1. Latency at fixed offered rates\n\nFrom the due time of the REST call to the "
                        + "`deployment.succeeded` event on the harness's own queue; ")
                .append(settings.environments())
                .append(" environments, noop driver (delay ")
                .append(settings.noopDelay())
                .append("), one deployer-worker.\n\n");
        md.append("| offered /s | deployments | succeeded | failed | refused | completed /s | p50 ms | p90 ms "
                + "| p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (OfferedLoad.Result r : latency) {
            md.append(loadRow(r));
        }

        md.append("\n### 2. Highest sustained rate\n\nSteps of ")
                .append(number(settings.stepSeconds()))
                .append(" s at rising offered rates; a step is sustained when every deployment succeeds, the "
                        + "completion rate keeps up with the offered rate, latency stays flat (the last third's "
                        + "p50 at most twice the first third's plus 20 ms) and the queues drain within 10 s.\n\n");
        md.append("| workers | offered /s | completed /s | p50 ms | p99 ms | first ⅓ p50 | last ⅓ p50 | drain s "
                + "| verdict |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Sustained s : sustained) {
            for (Step step : s.steps()) {
                OfferedLoad.Result r = step.load();
                md.append(row(
                        Integer.toString(s.workers()),
                        number(r.offeredRate()),
                        number(r.completedPerSecond()),
                        number(r.latency().p50()),
                        number(r.latency().p99()),
                        number(r.firstThird().p50()),
                        number(r.lastThird().p50()),
                        number(step.drainSeconds()),
                        step.verdict()));
            }
        }
        for (Sustained s : sustained) {
            md.append("\nSustained with ")
                    .append(s.workers())
                    .append(s.workers() == 1 ? " worker: **" : " workers: **")
                    .append(number(s.sustainedRate()))
                    .append(" deployments/s**.");
        }
        md.append("\n");

        if (cost != null) {
            md.append("\n### 3. Overhead against the floor\n\n");
            md.append("| | value |\n|---|---|\n");
            md.append(row("messages published per deployment", number(cost.messagesPerDeployment())));
            md.append(row("transactions committed per deployment", number(cost.transactionsPerDeployment())));
            md.append(row("mean message size", cost.meanMessageBytes() + " bytes"));
            md.append(row(
                    "background while idle (status checks, scans)",
                    number(cost.backgroundMessagesPerSecond()) + " messages/s, "
                            + number(cost.backgroundTransactionsPerSecond()) + " transactions/s"));
            md.append(row(
                    "AMQP publish → confirm → consume, p50 / p99",
                    number(cost.amqpRoundTrip().p50()) + " / "
                            + number(cost.amqpRoundTrip().p99()) + " ms"));
            md.append(row(
                    "PostgreSQL insert + commit, p50 / p99",
                    number(cost.postgresInsertCommit().p50()) + " / "
                            + number(cost.postgresInsertCommit().p99()) + " ms"));
            md.append(row(
                    "floor of one deployment (messages × AMQP p50 + transactions × PostgreSQL p50)",
                    number(cost.floorMillis()) + " ms"));
            md.append(row("e2e p50 at " + number(cost.atRate()) + "/s", number(cost.e2eP50Millis()) + " ms"));
            md.append(row("**overhead ratio** (e2e p50 / floor)", "**" + number(cost.overheadRatio()) + "**"));
            if (cost.lightestRate() != cost.atRate()) {
                md.append(row(
                        "e2e p50 at " + number(cost.lightestRate()) + "/s, and its ratio to the floor",
                        number(cost.e2eP50AtLightestMillis()) + " ms, " + number(cost.overheadRatioAtLightest())));
            }
        }

        if (readSide != null) {
            md.append("\n### 4. Read side\n\n")
                    .append(readSide.environments())
                    .append(" environments with their history; ")
                    .append(readSide.list().clients())
                    .append(" concurrent clients each.\n\n");
            md.append("| request | p50 ms | p99 ms | max ms | requests/s | mean answer | errors |\n"
                    + "|---|---|---|---|---|---|---|\n");
            md.append(readRow(
                    "list (`GET /environments?app=`: a page of 100 and the total of " + readSide.listedEnvironments()
                            + ")",
                    readSide.list()));
            md.append(readRow("diff (`GET /applications/{app}/diff`)", readSide.diff()));
        }

        md.append("\n### 5. Services\n\n| service | start-up to ready (alone) | resident memory after the run |\n"
                + "|---|---|---|\n");
        for (Map.Entry<String, Double> started : startupMillis.entrySet()) {
            Long rss = residentMegabytes.get(started.getKey());
            md.append(row(started.getKey(), number(started.getValue() / 1000) + " s", rss == null ? "–" : rss + " MB"));
        }
        md.append("\nJVM options: `")
                .append(String.join(" ", settings.jvmOptions()))
                .append("`\n");
        return md.toString();
    }

    private static String loadRow(OfferedLoad.Result r) {
        return row(
                number(r.offeredRate()),
                Integer.toString(r.offered()),
                Long.toString(r.succeeded()),
                Long.toString(r.failed()),
                Long.toString(r.refused()),
                number(r.completedPerSecond()),
                number(r.latency().p50()),
                number(r.latency().p90()),
                number(r.latency().p99()),
                number(r.latency().max()));
    }

    private static String readRow(String name, ClosedLoad.Result r) {
        return row(
                name,
                number(r.latency().p50()),
                number(r.latency().p99()),
                number(r.latency().max()),
                number(r.requestsPerSecond()),
                kilobytes(r.meanBytes()),
                Long.toString(r.errors()));
    }

    private static String kilobytes(long bytes) {
        return bytes < 10_000 ? bytes + " B" : number(bytes / 1024.0) + " KiB";
    }

    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(
                Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    static List<Target> targets(
            List<OfferedLoad.Result> latency,
            List<Sustained> sustained,
            @Nullable Cost cost,
            @Nullable ReadSide readSide,
            Map<String, Double> startupMillis,
            Map<String, Long> residentMegabytes) {
        List<Target> targets = new ArrayList<>();
        latency.stream().filter(r -> r.offeredRate() == 50).findFirst().ifPresent(r -> {
            targets.add(new Target(
                    "e2e p50 at 50/s",
                    "≤ 25 ms",
                    number(r.latency().p50()) + " ms",
                    r.latency().p50() <= 25));
            targets.add(new Target(
                    "e2e p99 at 50/s",
                    "≤ 100 ms",
                    number(r.latency().p99()) + " ms",
                    r.latency().p99() <= 100));
        });
        sustained.stream()
                .filter(s -> s.workers() == 2)
                .findFirst()
                .ifPresent(s -> targets.add(new Target(
                        "sustained with two workers",
                        "≥ 200/s",
                        number(s.sustainedRate()) + "/s",
                        s.sustainedRate() >= 200)));
        if (cost != null) {
            targets.add(new Target("overhead ratio", "≤ 3", number(cost.overheadRatio()), cost.overheadRatio() <= 3));
        }
        if (readSide != null) {
            targets.add(new Target(
                    "list of " + readSide.environments() + " environments (first page), p99",
                    "≤ 50 ms",
                    number(readSide.list().latency().p99()) + " ms",
                    readSide.list().latency().p99() <= 50 && readSide.list().errors() == 0));
            targets.add(new Target(
                    "diff, p99",
                    "≤ 20 ms",
                    number(readSide.diff().latency().p99()) + " ms",
                    readSide.diff().latency().p99() <= 20 && readSide.diff().errors() == 0));
        }
        startupMillis.forEach((service, millis) ->
                targets.add(new Target(service + " ready", "≤ 8 s", number(millis / 1000) + " s", millis <= 8000)));
        residentMegabytes.forEach((service, megabytes) ->
                targets.add(new Target(service + " resident", "≤ 400 MB", megabytes + " MB", megabytes <= 400)));
        return targets;
    }
}
