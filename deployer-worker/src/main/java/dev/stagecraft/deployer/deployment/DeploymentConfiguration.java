package dev.stagecraft.deployer.deployment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads deployments run on: one per environment being deployed, up to {@code stagecraft.deployer.concurrency}. */
@Configuration(proxyBeanMethods = false)
class DeploymentConfiguration {

    @Bean(name = DeploymentDispatcher.EXECUTOR)
    ThreadPoolTaskExecutor deploymentExecutor(DeployerProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setThreadNamePrefix("deployment-");
        // a deployment under way is finished before the worker stops (up to a minute); one cut short is
        // failed when the worker comes back (DeploymentRecovery)
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(60);
        return executor;
    }
}
