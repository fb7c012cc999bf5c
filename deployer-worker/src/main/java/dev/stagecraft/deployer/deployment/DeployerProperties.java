package dev.stagecraft.deployer.deployment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.*}.
 *
 * @param workerId names this worker process on the deployments it runs and leases (default: host name and
 *     process id, unique per process); after a restart with the same id, deployments it left RUNNING fail
 * @param concurrency how many environments this worker deploys at the same time
 * @param pollInterval how often the queues are scanned for work nobody woke this worker for (queued
 *     deployments, deployments whose worker's lease ran out)
 * @param lease how long a running deployment stays this worker's without a renewal; renewed every third of
 *     it, so a worker that dies loses its deployments after at most this long
 * @param maxAttempts how many workers may try a deployment in all: a deployment whose worker died is taken
 *     over and run again (drivers are idempotent) until this many attempts, then it fails
 * @param orderPatience how long the next job of an environment waits for the one before it in sequence
 *     that has not arrived yet, before it runs anyway
 */
@ConfigurationProperties("stagecraft.deployer")
public record DeployerProperties(
        String workerId,
        int concurrency,
        Duration pollInterval,
        Duration lease,
        int maxAttempts,
        Duration orderPatience) {

    public DeployerProperties(
            @Nullable String workerId,
            int concurrency,
            @Nullable Duration pollInterval,
            @Nullable Duration lease,
            int maxAttempts,
            @Nullable Duration orderPatience) {
        this.workerId = workerId != null && !workerId.isBlank()
                ? workerId
                : hostName() + "-" + ProcessHandle.current().pid();
        this.concurrency = concurrency > 0 ? concurrency : 16;
        this.pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(5);
        this.lease = lease != null ? lease : Duration.ofSeconds(30);
        this.maxAttempts = maxAttempts > 0 ? maxAttempts : 2;
        this.orderPatience = orderPatience != null ? orderPatience : Duration.ofSeconds(10);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "deployer-worker";
        }
    }
}
