package dev.stagecraft.deployer.deployment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.*}.
 *
 * @param workerId names this worker on the deployments it runs; after a restart, deployments that a worker
 *     of the same id left RUNNING are failed (default: the host name)
 * @param concurrency how many environments this worker deploys at the same time
 * @param pollInterval how often the queue is scanned for deployments nobody woke this worker for
 */
@ConfigurationProperties("stagecraft.deployer")
public record DeployerProperties(String workerId, int concurrency, Duration pollInterval) {

    public DeployerProperties(@Nullable String workerId, int concurrency, @Nullable Duration pollInterval) {
        this.workerId = workerId != null && !workerId.isBlank() ? workerId : hostName();
        this.concurrency = concurrency > 0 ? concurrency : 4;
        this.pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(5);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "deployer-worker";
        }
    }
}
