package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Application secret defaults: sealed at registration, never stored or published in plaintext, sealed again
 * for each environment's job, overlaid by the environment's overrides (the higher layer decides whether a key
 * is public or secret), and named (only) in events.
 */
class SecretDefaultsIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("secret-defaults");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    static final String DEFAULT_PASSWORD = "default-db-pass-4711";
    static final String DEBUG_TOKEN = "debug-token-0815";
    static final String OVERRIDDEN = "qa-db-pass-1234";
    static final String VAULT_REFERENCE = "vault:secret/shop/api#token";
    static final SecretBox box = new SecretBox(SecretBox.DEVELOPMENT_KEY);

    @Test
    void defaultsAreSealedStoredSealedAndLayeredBeneathTheEnvironmentsOverrides() {
        String app = uniqueName("shop");
        Answer registered =
                post("/api/v1/applications", """
                {"name":"%s", "driver":"noop", "defaults":{"LOG_LEVEL":"info","FEATURE_X":"off"},
                 "secretDefaults":{"DB_PASSWORD":"%s","DEBUG_TOKEN":"%s","API_TOKEN":"%s"}}""".formatted(app, DEFAULT_PASSWORD, DEBUG_TOKEN, VAULT_REFERENCE));
        assertThat(registered.status()).as(registered.body()).isEqualTo(202);

        await().until(() -> events.of(ApplicationRegistered.class).stream().anyMatch(e -> app.equals(e.app())));
        ApplicationRegistered announced = events.of(ApplicationRegistered.class).stream()
                .filter(e -> app.equals(e.app()))
                .findFirst()
                .orElseThrow();
        assertThat(announced.spec().secretKeys()).containsExactly("API_TOKEN", "DB_PASSWORD", "DEBUG_TOKEN");
        assertThat(announced.spec().defaults()).isEqualTo(Map.of("LOG_LEVEL", "info", "FEATURE_X", "off"));
        Map<String, String> stored = storedSecretDefaults(app);
        assertThat(box.open(app + "/*/DB_PASSWORD", stored.get("DB_PASSWORD"))).isEqualTo(DEFAULT_PASSWORD);
        assertThat(stored.get("API_TOKEN")).isEqualTo(VAULT_REFERENCE);

        Answer created = post("/api/v1/applications/" + app + "/environments", """
                {"name":"qa", "version":"1.0.0", "overrides":{"LOG_LEVEL":"debug","DEBUG_TOKEN":"visible-in-qa"},
                 "secretOverrides":{"DB_PASSWORD":"%s","FEATURE_X":"on"}}""".formatted(OVERRIDDEN));
        assertThat(created.status()).as(created.body()).isEqualTo(202);

        await().until(() -> jobsFor(app).size() == 1);
        DeploymentJob job = jobsFor(app).getFirst();
        assertThat(job.overrides()).isEqualTo(Map.of("LOG_LEVEL", "debug", "DEBUG_TOKEN", "visible-in-qa"));
        assertThat(job.secrets()).containsOnlyKeys("DB_PASSWORD", "FEATURE_X", "API_TOKEN");
        assertThat(box.open(app + "/qa/DB_PASSWORD", job.secrets().get("DB_PASSWORD")))
                .isEqualTo(OVERRIDDEN);
        assertThat(box.open(app + "/qa/FEATURE_X", job.secrets().get("FEATURE_X")))
                .isEqualTo("on");
        assertThat(job.secrets().get("API_TOKEN")).isEqualTo(VAULT_REFERENCE);

        await().until(() -> events.of(EnvironmentSpecChanged.class).stream().anyMatch(e -> app.equals(e.app())));
        EnvironmentSpecChanged spec = events.of(EnvironmentSpecChanged.class).stream()
                .filter(e -> app.equals(e.app()))
                .findFirst()
                .orElseThrow();
        assertThat(spec.overrides()).isEqualTo(job.overrides());
        assertThat(spec.secretKeys()).containsExactly("API_TOKEN", "DB_PASSWORD", "FEATURE_X");

        assertNoPlaintextAnywhere(List.of(DEFAULT_PASSWORD, DEBUG_TOKEN, OVERRIDDEN));
    }

    @Test
    void aDefaultTheEnvironmentDoesNotOverrideReachesItsJobSealedForTheEnvironment() {
        String app = uniqueName("shop");
        post("/api/v1/applications", """
                {"name":"%s", "driver":"noop", "secretDefaults":{"DB_PASSWORD":"%s"}}""".formatted(app, DEFAULT_PASSWORD));

        assertThat(post("/api/v1/applications/" + app + "/environments", "{\"name\":\"dev\",\"version\":\"1\"}")
                        .status())
                .isEqualTo(202);

        await().until(() -> jobsFor(app).size() == 1);
        String sealed = jobsFor(app).getFirst().secrets().get("DB_PASSWORD");
        assertThat(box.open(app + "/dev/DB_PASSWORD", sealed)).isEqualTo(DEFAULT_PASSWORD);
        assertThat(sealed).isNotEqualTo(storedSecretDefaults(app).get("DB_PASSWORD"));
        assertNoPlaintextAnywhere(List.of(DEFAULT_PASSWORD));
    }

    @Test
    void aKeyInBothDefaultsAndSecretDefaultsOrABrokenVaultReferenceIsRefusedNamingTheField() {
        Answer both = post("/api/v1/applications", """
                {"name":"%s", "driver":"noop", "defaults":{"K":"a"}, "secretDefaults":{"K":"%s"}}""".formatted(uniqueName("shop"), DEFAULT_PASSWORD));
        Answer broken = post("/api/v1/applications", """
                {"name":"%s", "driver":"noop", "secretDefaults":{"T":"vault:secret-without-key"}}""".formatted(uniqueName("shop")));

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("field").stringValue()).isEqualTo("secretDefaults.K");
        assertThat(both.body()).doesNotContain(DEFAULT_PASSWORD);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").get(0).get("field").stringValue())
                .isEqualTo("secretDefaults.T");
    }

    private Map<String, String> storedSecretDefaults(String app) {
        String json = jdbc.sql("SELECT secret_defaults::text FROM applications WHERE name = ?")
                .param(app)
                .query(String.class)
                .single();
        return JsonColumns.stringMap(json);
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }

    private void assertNoPlaintextAnywhere(List<String> secrets) {
        String[] values = secrets.toArray(String[]::new);
        assertThat(events.messages())
                .allSatisfy(m -> assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .doesNotContain(values));
        assertThat(jobs.messages())
                .allSatisfy(m -> assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .doesNotContain(values));
        String stored = jdbc.sql("""
                        SELECT (SELECT coalesce(string_agg(secret_defaults::text || defaults::text, ' '), '') FROM applications)
                            || (SELECT coalesce(string_agg(secret_overrides::text || overrides::text, ' '), '') FROM environments)
                            || (SELECT coalesce(string_agg(secret_overrides::text, ' '), '') FROM environment_spec_revisions)
                            || (SELECT coalesce(string_agg(response::text, ' '), '') FROM commands)""").query(String.class).single();
        assertThat(stored).doesNotContain(values);
    }
}
