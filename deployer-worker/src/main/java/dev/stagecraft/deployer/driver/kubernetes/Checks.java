package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import java.util.List;
import java.util.stream.Collectors;

/** Judges an environment's workloads (DESIGN §5 {@code check}). */
final class Checks {

    private Checks() {}

    /**
     * Healthy when every workload is ready and its pods run {@code version}; otherwise FAILURE with
     * PARTIAL_AVAILABILITY (some but not all replicas available), VERSION_MISMATCH (ready, but pods run another
     * image tag) or GENERIC (nothing runs, nothing is available, a pod cannot run).
     */
    static CheckResult judge(List<WorkloadStatus> statuses, String version, String namespace) {
        if (statuses.isEmpty()) {
            return CheckResult.failed(
                    FailureReason.GENERIC,
                    null,
                    "no Deployment or StatefulSet of the environment in namespace " + namespace);
        }
        String summary = statuses.stream().map(WorkloadStatus::summary).collect(Collectors.joining("; "));
        if (statuses.stream().anyMatch(s -> s.failure() != null)) {
            return CheckResult.failed(FailureReason.GENERIC, null, summary);
        }
        int desired = statuses.stream().mapToInt(WorkloadStatus::desired).sum();
        int available = statuses.stream().mapToInt(WorkloadStatus::available).sum();
        if (desired == 0) {
            return CheckResult.failed(
                    FailureReason.GENERIC, null, "every workload of namespace " + namespace + " is scaled to zero");
        }
        if (!statuses.stream().allMatch(WorkloadStatus::isReady)) {
            FailureReason reason =
                    available > 0 && available < desired ? FailureReason.PARTIAL_AVAILABILITY : FailureReason.GENERIC;
            return CheckResult.failed(reason, null, available + " of " + desired + " replicas available: " + summary);
        }
        for (WorkloadStatus status : statuses) {
            if (!status.runs(version)) {
                String other = status.otherVersion(version);
                return CheckResult.failed(
                        FailureReason.VERSION_MISMATCH,
                        other,
                        "pods of " + status.name() + " run image tag '" + other + "' but version '" + version
                                + "' was deployed");
            }
        }
        return CheckResult.healthy(version, summary);
    }
}
