package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.contracts.job.LayeredConfiguration;
import dev.stagecraft.deployer.defaults.DriverDefaultsProperties;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.secret.SecretUnavailableException;
import dev.stagecraft.deployer.secret.Secrets;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns recorded jobs into the specs and workloads drivers work with: the driver's defaults from the worker's
 * configuration beneath the job's configuration (driver defaults &lt; application defaults &lt; environment
 * overrides, each key public or secret as its highest layer says), secrets opened or read from Vault.
 */
@Component
class SpecFactory {

    private final Secrets secrets;
    private final DriverDefaultsProperties driverDefaults;

    SpecFactory(Secrets secrets, DriverDefaultsProperties driverDefaults) {
        this.secrets = secrets;
        this.driverDefaults = driverDefaults;
    }

    /** The spec a job asks for; a secret that cannot be had fails the {@code apply} step with its sentence. */
    Spec spec(DeploymentJob job) {
        try {
            return build(job);
        } catch (SecretUnavailableException e) {
            throw new DriverException(Steps.APPLY, FailureReason.GENERIC, String.valueOf(e.getMessage()));
        }
    }

    /**
     * What runs, if anything; a secret of it that cannot be had fails whatever needs it, with its sentence
     * ({@link SecretUnavailableException}).
     */
    @Nullable
    Workload workload(@Nullable Deployed deployed) {
        return deployed == null
                ? null
                : new Workload(
                        build(deployed.job()),
                        deployed.pid(),
                        deployed.started(),
                        deployed.port(),
                        deployed.location());
    }

    static Deployed deployed(DeploymentJob job, Workload workload) {
        return new Deployed(job, workload.pid(), workload.started(), workload.port(), workload.location());
    }

    private Spec build(DeploymentJob job) {
        Target target = new Target(job.app(), job.environment());
        LayeredConfiguration configuration = LayeredConfiguration.of(
                        driverDefaults.of(job.driver()).defaults(), driverSecrets(target, job))
                .overlaidBy(job.overrides(), secrets.open(target, job.secrets()));
        return new Spec(
                target,
                job.version(),
                job.commit(),
                job.driver(),
                configuration.overrides(),
                configuration.secrets(),
                job.driverSettings());
    }

    /** The driver's secret defaults the job does not set itself (only those are read from Vault). */
    private Map<String, String> driverSecrets(Target target, DeploymentJob job) {
        Map<String, String> needed =
                new TreeMap<>(driverDefaults.of(job.driver()).secretDefaults());
        needed.keySet().removeAll(job.overrides().keySet());
        needed.keySet().removeAll(job.secrets().keySet());
        return secrets.resolveDefaults(target, needed);
    }
}
