package dev.stagecraft.deployer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.defaults.DriverDefaultsProperties;
import dev.stagecraft.deployer.defaults.DriverDefaultsProperties.Defaults;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.secret.DevelopmentKey;
import dev.stagecraft.deployer.secret.SecretUnavailableException;
import dev.stagecraft.deployer.secret.Secrets;
import dev.stagecraft.deployer.secret.SecretsProperties;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Driver defaults &lt; the job's configuration (application defaults &lt; environment overrides), public or secret. */
class SpecFactoryTest {

    static final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);

    final Secrets secrets = new Secrets(new SecretsProperties(null));
    final SpecFactory specs = new SpecFactory(
            secrets,
            new DriverDefaultsProperties(Map.of(
                    "local",
                    new Defaults(
                            Map.of("LOG_LEVEL", "warn", "JAVA_OPTS", "-Xmx256m", "CACHE_KEY", "public-cache"),
                            Map.of("REGISTRY_PASSWORD", "registry-pass-42", "DB_PASSWORD", "driver-db-pass")),
                    "noop",
                    new Defaults(Map.of("NOOP_ONLY", "1"), Map.of()))));

    @Test
    void driverDefaultsLieBeneathTheJobsConfigurationAndEachKeyAppearsOnce() {
        DeploymentJob job = job(
                "local",
                Map.of("LOG_LEVEL", "debug", "DB_PASSWORD", "now-public"),
                Map.of("CACHE_KEY", box.seal("shop/qa/CACHE_KEY", "secret-cache")));

        Spec spec = specs.spec(job);

        assertThat(spec.overrides())
                .isEqualTo(Map.of("LOG_LEVEL", "debug", "JAVA_OPTS", "-Xmx256m", "DB_PASSWORD", "now-public"));
        assertThat(spec.secrets())
                .isEqualTo(Map.of("REGISTRY_PASSWORD", "registry-pass-42", "CACHE_KEY", "secret-cache"));
        assertThat(spec.configuration())
                .containsEntry("DB_PASSWORD", "now-public")
                .containsEntry("CACHE_KEY", "secret-cache");
    }

    @Test
    void onlyTheJobsDriverGivesDefaults() {
        Spec spec = specs.spec(job("noop", Map.of(), Map.of()));

        assertThat(spec.overrides()).isEqualTo(Map.of("NOOP_ONLY", "1"));
        assertThat(spec.secrets()).isEmpty();
        assertThat(specs.spec(job("script", Map.of("A", "1"), Map.of())).overrides())
                .isEqualTo(Map.of("A", "1"));
    }

    @Test
    void theDriversSecretDefaultsAreHiddenLikeTheJobsSecretsAndNeverPrinted() {
        Spec spec = specs.spec(job("local", Map.of(), Map.of()));

        assertThat(secrets.redactor(new Target("shop", "qa"), Map.of()).redact("docker login -p registry-pass-42"))
                .isEqualTo("docker login -p ******");
        assertThat(spec.toString()).doesNotContain("registry-pass-42", "driver-db-pass");
    }

    @Test
    void aVaultReferenceWithVaultOffFailsTheApplyStepWithASentence() {
        DeploymentJob job = job("local", Map.of(), Map.of("DB_PASSWORD", "vault:secret/shop/db#password"));

        assertThatExceptionOfType(DriverException.class)
                .isThrownBy(() -> specs.spec(job))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(Steps.APPLY);
                    assertThat(e.getMessage())
                            .startsWith("secret DB_PASSWORD of shop/qa (vault:secret/shop/db#password) is a Vault"
                                    + " reference, but Vault is off in deployer-worker; set"
                                    + " stagecraft.secrets.vault.address");
                });
        Deployed running = new Deployed(job, 42L, Instant.now(), 8080, "/tmp");
        assertThatExceptionOfType(SecretUnavailableException.class).isThrownBy(() -> specs.workload(running));
    }

    static DeploymentJob job(String driver, Map<String, String> overrides, Map<String, String> secrets) {
        return new DeploymentJob(
                DeploymentId.random(),
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                Operation.DEPLOY,
                "1.0.0",
                null,
                overrides,
                secrets,
                driver,
                Map.of("command", "true"),
                Map.of(),
                Instant.now());
    }
}
