package dev.stagecraft.deployer.driver;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a driver made of a spec: the spec it runs and where. The worker records it with the environment and
 * hands it back to the driver on the next operation; for drivers without processes {@code pid} and
 * {@code port} are null.
 *
 * @param pid the root process of the workload, or null when nothing runs (archived) or it is not a process
 * @param started when the process {@code pid} started: with the pid, what identifies it (pids are reused)
 * @param location where the workload lives (the local driver's working directory; a namespace, …)
 */
public record Workload(
        Spec spec,
        @Nullable Long pid,
        @Nullable Instant started,
        @Nullable Integer port,
        @Nullable String location) {

    public boolean isRunning() {
        return pid != null;
    }

    /** The same workload with nothing running (archived). */
    public Workload stopped() {
        return new Workload(spec, null, null, null, location);
    }
}
