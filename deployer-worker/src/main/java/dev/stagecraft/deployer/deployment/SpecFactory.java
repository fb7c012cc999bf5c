package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.secret.Secrets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns recorded jobs into the specs and workloads drivers work with, opening their secrets. */
@Component
class SpecFactory {

    private final Secrets secrets;

    SpecFactory(Secrets secrets) {
        this.secrets = secrets;
    }

    Spec spec(DeploymentJob job) {
        Target target = new Target(job.app(), job.environment());
        return new Spec(
                target,
                job.version(),
                job.commit(),
                job.driver(),
                job.overrides(),
                secrets.open(target, job.secrets()),
                job.driverSettings());
    }

    @Nullable
    Workload workload(@Nullable Deployed deployed) {
        return deployed == null
                ? null
                : new Workload(
                        spec(deployed.job()), deployed.pid(), deployed.started(), deployed.port(), deployed.location());
    }

    static Deployed deployed(DeploymentJob job, Workload workload) {
        return new Deployed(job, workload.pid(), workload.started(), workload.port(), workload.location());
    }
}
