package dev.stagecraft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The harness end to end on a small workload: it starts the real services, runs every workload and writes
 * both reports. Timings are never asserted here; what is checked is that each workload measured what it says.
 */
class BenchSmokeIT {

    @Test
    void runsEveryWorkloadAndWritesTheReports(@TempDir Path out) throws Exception {
        Bench bench = new Bench();
        int exit = new CommandLine(bench)
                .execute(
                        "--repo", System.getProperty("stagecraft.repo", ".."),
                        "--out", out.toString(),
                        "--label", "smoke",
                        "--environments", "20",
                        "--deployments", "40",
                        "--rates", "20,50",
                        "--sustain-rates", "20,40",
                        "--step-seconds", "2",
                        "--read-environments", "40",
                        "--read-seconds", "1",
                        "--read-clients", "2",
                        "--floor-iterations", "100",
                        "--idle-seconds", "1");

        assertThat(exit).isZero();
        Report report = bench.report;
        assertThat(report.startupMillis())
                .containsOnlyKeys(
                        "query-service",
                        "notifier-service",
                        "deployer-worker-1",
                        "command-service",
                        "deployer-worker-2");
        assertThat(report.residentMegabytes())
                .hasSize(5)
                .allSatisfy((service, megabytes) -> assertThat(megabytes).isPositive());
        assertThat(report.latency()).hasSize(2).allSatisfy(load -> {
            assertThat(load.succeeded()).isEqualTo(40);
            assertThat(load.failed() + load.refused()).isZero();
            assertThat(load.latency().p50()).isPositive();
        });
        assertThat(report.sustained()).extracting(Report.Sustained::workers).containsExactly(1, 2);
        assertThat(report.sustained())
                .allSatisfy(search -> assertThat(search.steps()).isNotEmpty());
        assertThat(report.cost()).isNotNull();
        assertThat(report.cost().messagesPerDeployment()).isPositive();
        assertThat(report.cost().transactionsPerDeployment()).isPositive();
        assertThat(report.cost().amqpRoundTrip().count()).isEqualTo(100);
        assertThat(report.cost().postgresInsertCommit().count()).isEqualTo(100);
        assertThat(report.readSide()).isNotNull();
        assertThat(report.readSide().listedEnvironments()).isEqualTo(40);
        assertThat(report.readSide().list().errors()).isZero();
        assertThat(report.readSide().list().latency().count()).isPositive();
        assertThat(report.readSide().diff().errors()).isZero();
        assertThat(report.readSide().diff().latency().count()).isPositive();
        assertThat(report.targets()).isNotEmpty();
        assertThat(report.problems()).isEmpty();

        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.endsWith("-smoke.json"))
                    .anyMatch(name -> name.endsWith("-smoke.md"))
                    .contains("latest.md");
        }
        assertThat(Files.readString(out.resolve("latest.md")))
                .contains("### 1. Latency at fixed offered rates")
                .contains("### 5. Services");
    }
}
