package dev.stagecraft.query.diff.git;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.query.git.*}: where and how often query-service mirrors applications' repositories.
 *
 * @param cacheDir directory holding one bare mirror clone per application repository
 * @param fetchInterval the shortest time between two fetches of one mirror; a fetch happens only when a commit or
 *     tag a diff needs is missing
 * @param timeout how long one clone or fetch may take on the network
 * @param maxCommits the most commits listed per range; longer ranges are cut and marked
 */
@ConfigurationProperties("stagecraft.query.git")
public record GitProperties(Path cacheDir, Duration fetchInterval, Duration timeout, int maxCommits) {

    public GitProperties {
        cacheDir = cacheDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "stagecraft", "git") : cacheDir;
        fetchInterval = fetchInterval == null ? Duration.ofSeconds(60) : fetchInterval;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxCommits = maxCommits <= 0 ? 200 : maxCommits;
    }

    int timeoutSeconds() {
        return (int) Math.max(1, timeout.toSeconds());
    }
}
