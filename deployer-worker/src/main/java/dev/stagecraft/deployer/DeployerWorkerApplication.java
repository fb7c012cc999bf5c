package dev.stagecraft.deployer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The deployer-worker: carries out the deployment jobs of command-service (DESIGN §2). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeployerWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeployerWorkerApplication.class, args);
    }
}
