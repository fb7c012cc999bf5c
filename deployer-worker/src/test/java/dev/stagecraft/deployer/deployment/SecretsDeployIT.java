package dev.stagecraft.deployer.deployment;

import static dev.stagecraft.deployer.WorkerTables.port;
import static dev.stagecraft.deployer.WorkerTables.stepLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.deployer.TestApps;
import dev.stagecraft.deployer.secret.DevelopmentKey;
import dev.stagecraft.deployer.secret.FakeVault;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker with Vault (a local server speaking Vault's KV v2 API) and driver defaults: jobs published as
 * command-service publishes them, the workload's environment read back from the test app, events read from a
 * queue bound to {@code stagecraft.events}.
 */
@ExtendWith(SecretsDeployIT.DropInfrastructureAfterContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EventRecorder.class)
@DirtiesContext
class SecretsDeployIT {

    static final String TOKEN = "s.worker-token-1234";
    static final String VAULT_PASSWORD = "vault-db-password-9731";
    static final String REGISTRY_PASSWORD = "driver-registry-pass-5521";
    static final String SEALED_VALUE = "sealed-api-key-7780";

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("deployer-secrets");
    static final Path workDir = JobFixtures.temporaryDirectory("deployer-secrets-it-");
    static final FakeVault vault = startVault();
    static final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.deployer.local.work-dir", workDir::toString);
        registry.add("stagecraft.secrets.vault.address", vault::address);
        registry.add("stagecraft.secrets.vault.token", () -> TOKEN);
        registry.add("stagecraft.deployer.drivers.local.defaults.DRIVER_LEVEL", () -> "from-driver");
        registry.add("stagecraft.deployer.drivers.local.defaults.GREETING", () -> "driver-greeting");
        registry.add("stagecraft.deployer.drivers.local.secret-defaults.REGISTRY_PASSWORD", () -> REGISTRY_PASSWORD);
    }

    static class DropInfrastructureAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            TestApps.killAll();
            vault.close();
            infra.close();
            org.springframework.util.FileSystemUtils.deleteRecursively(workDir.toFile());
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRecorder events;

    @Test
    void theWorkloadGetsVaultValuesSealedSecretsAndDriverDefaultsBeneathTheJobsConfiguration() {
        DeploymentJob job = job(
                "vault-ok",
                Map.of("GREETING", "hi from the job"),
                Map.of(
                        "DB_PASSWORD",
                        "vault:secret/shop/db#password",
                        "API_KEY",
                        box.seal("shop/vault-ok/API_KEY", SEALED_VALUE)),
                Map.of());

        publish(job);
        awaitEnd(job);

        assertThat(events.of("shop", "vault-ok", DeploymentSucceeded.class)).hasSize(1);
        int port = port(jdbc, "vault-ok");
        assertThat(TestApps.get(port, "/env/DB_PASSWORD")).isEqualTo(VAULT_PASSWORD);
        assertThat(TestApps.get(port, "/env/API_KEY")).isEqualTo(SEALED_VALUE);
        assertThat(TestApps.get(port, "/env/REGISTRY_PASSWORD")).isEqualTo(REGISTRY_PASSWORD);
        assertThat(TestApps.get(port, "/env/DRIVER_LEVEL")).isEqualTo("from-driver");
        assertThat(TestApps.get(port, "/")).isEqualTo("hi from the job");
        assertThat(vault.requests())
                .anySatisfy(request -> assertThat(request)
                        .isEqualTo(new FakeVault.Request("GET", "/v1/secret/data/shop/db", TOKEN, null)));
        assertNoEventContains(VAULT_PASSWORD, REGISTRY_PASSWORD, SEALED_VALUE);
    }

    @Test
    void aValueReadFromVaultIsMaskedInEventsWhileTheStepLogKeepsTheOutput() {
        DeploymentJob job = job(
                "vault-leak",
                Map.of("LEAK", "DB_PASSWORD", "FAIL_HEALTH", "true"),
                Map.of("DB_PASSWORD", "vault:secret/shop/db#password"),
                Map.of("healthPath", "/health?token=" + VAULT_PASSWORD, "readyTimeout", "3s"));

        publish(job);
        awaitEnd(job);

        DeploymentFailed failed = events.failed(job);
        assertThat(failed.error()).contains("token=******").doesNotContain(VAULT_PASSWORD);
        assertNoEventContains(VAULT_PASSWORD, REGISTRY_PASSWORD);
        assertThat(stepLog(jdbc, job)).contains(VAULT_PASSWORD);
    }

    @Test
    void aReferenceVaultRefusesFailsTheApplyStepWithASentenceNamingItButNoValue() {
        DeploymentJob job =
                job("vault-denied", Map.of(), Map.of("DB_PASSWORD", "vault:secret/shop/denied#password"), Map.of());

        publish(job);
        awaitEnd(job);

        DeploymentFailed failed = events.failed(job);
        assertThat(failed.failedStep()).isEqualTo("apply");
        assertThat(failed.error())
                .isEqualTo("cannot read secret DB_PASSWORD of shop/vault-denied (vault:secret/shop/denied#password):"
                        + " Vault denied permission; give the token of stagecraft.secrets.vault.token a policy that"
                        + " allows read on secret/data/shop/denied");
        assertThat(events.of("shop", "vault-denied", DeploymentStepChanged.class))
                .extracting(e -> e.step() + ":" + e.status())
                .contains("apply:FAILED");
        assertNoEventContains(VAULT_PASSWORD, TOKEN);
    }

    private void assertNoEventContains(String... values) {
        assertThat(events.all())
                .allSatisfy(event -> assertThat(MessageCodec.instance().encodeToString(event))
                        .doesNotContain(values));
    }

    private void awaitEnd(DeploymentJob job) {
        await().atMost(Duration.ofSeconds(90)).until(() -> events.ended(job));
    }

    private static DeploymentJob job(
            String environment,
            Map<String, String> overrides,
            Map<String, String> secrets,
            Map<String, String> settings) {
        return JobFixtures.localJob(environment, "1.0.0", overrides, secrets, settings);
    }

    private void publish(DeploymentJob job) {
        JobFixtures.publish(rabbit, job);
    }

    private static FakeVault startVault() {
        try {
            return FakeVault.start(TOKEN)
                    .put("secret", "shop/db", Map.of("password", VAULT_PASSWORD))
                    .put("secret", "shop/denied", Map.of("password", "never-read-1"))
                    .deny("secret", "shop/denied");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
