package dev.stagecraft.deployer.driver;

/**
 * The outcome of a successful {@link Driver#deploy}: the workload that now runs, and whether anything had to
 * change (false when the environment already ran the spec, STYLE 6).
 */
public record DeployResult(Workload workload, boolean changed) {

    public static DeployResult changed(Workload workload) {
        return new DeployResult(workload, true);
    }

    public static DeployResult unchanged(Workload workload) {
        return new DeployResult(workload, false);
    }
}
