package dev.stagecraft.deployer.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stagecraft.deployer.driver.Target;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Vault references read through the vault-java-driver from a local server that speaks Vault's KV v2 API. */
class VaultSecretsIT {

    static final String TOKEN = "s.test-token-4711";
    static final String PASSWORD = "vault-db-password-0815";
    static final Target QA = new Target("shop", "qa");

    FakeVault vault;

    @BeforeEach
    void startVault() throws IOException {
        vault = FakeVault.start(TOKEN).put("secret", "shop/db", Map.of("password", PASSWORD, "user", "shop"));
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    @Test
    void readsTheKeyOfAKv2SecretSendingTheToken() {
        Secrets secrets = secrets(vault.address(), TOKEN, null);

        Map<String, String> plain = secrets.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/db#password"));

        assertThat(plain).isEqualTo(Map.of("DB_PASSWORD", PASSWORD));
        assertThat(vault.requests())
                .singleElement()
                .isEqualTo(new FakeVault.Request("GET", "/v1/secret/data/shop/db", TOKEN, null));
    }

    @Test
    void sendsTheNamespaceWhenOneIsConfigured() throws IOException {
        try (FakeVault enterprise =
                FakeVault.start(TOKEN, "team-a").put("kv", "shop", Map.of("token", "api-token-1"))) {
            assertThat(secrets(enterprise.address(), TOKEN, "team-a")
                            .open(QA, Map.of("API_TOKEN", "vault:kv/shop#token")))
                    .containsEntry("API_TOKEN", "api-token-1");
            assertThat(enterprise.requests())
                    .extracting(FakeVault.Request::namespace)
                    .containsExactly("team-a");
        }
    }

    @Test
    void resolvedValuesAreHiddenByTheRedactorOfTheirEnvironmentWithoutAskingVaultAgain() {
        Secrets secrets = secrets(vault.address(), TOKEN, null);
        Map<String, String> job = Map.of("DB_PASSWORD", "vault:secret/shop/db#password");
        secrets.open(QA, job);
        int asked = vault.requests().size();

        Redactor redactor = secrets.redactor(QA, job);

        assertThat(redactor.redact("jdbc:postgresql://db?password=" + PASSWORD))
                .isEqualTo("jdbc:postgresql://db?password=******");
        assertThat(vault.requests()).hasSize(asked);
        assertThat(secrets.redactor(new Target("shop", "prod"), Map.of()).redact(PASSWORD))
                .isEqualTo(PASSWORD);
    }

    @Test
    void aWrongTokenFailsWithASentenceNamingTheReferenceButNoValue() {
        Secrets secrets = secrets(vault.address(), "s.wrong", null);

        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> secrets.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/db#password")))
                .withMessage("cannot read secret DB_PASSWORD of shop/qa (vault:secret/shop/db#password): Vault denied"
                        + " permission; give the token of stagecraft.secrets.vault.token a policy that allows read on"
                        + " secret/data/shop/db")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD, "s.wrong"));
        assertThat(vault.requests()).extracting(FakeVault.Request::token).containsExactly("s.wrong");
    }

    @Test
    void aMissingPathOrKeyFailsWithASentenceNamingTheReference() {
        Secrets secrets = secrets(vault.address(), TOKEN, null);

        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> secrets.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/nothing#password")))
                .withMessage("cannot read secret DB_PASSWORD of shop/qa (vault:secret/shop/nothing#password): Vault"
                        + " has no secret at secret/data/shop/nothing (is 'secret' a KV version 2 mount?); write it or"
                        + " fix the reference");
        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> secrets.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/db#pasword")))
                .withMessage("cannot read secret DB_PASSWORD of shop/qa (vault:secret/shop/db#pasword): the secret at"
                        + " secret/data/shop/db has no key 'pasword'; add it in Vault or fix the reference")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void anUnreachableVaultFailsWithASentenceNamingTheReferenceAndTheAddress() throws IOException {
        String nobody = "http://127.0.0.1:" + freePort();
        Secrets secrets = secrets(nobody, TOKEN, null);

        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> secrets.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/db#password")))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("cannot read secret DB_PASSWORD of shop/qa (vault:secret/shop/db#password): Vault"
                                + " at " + nobody + " did not answer (")
                        .endsWith("); check stagecraft.secrets.vault.address and that Vault is up"));
    }

    @Test
    void driverSecretDefaultsMayBeReferencesAndAreHiddenLikeTheJobsSecrets() {
        Secrets secrets = secrets(vault.address(), TOKEN, null);

        Map<String, String> plain = secrets.resolveDefaults(
                QA, Map.of("DB_USER", "vault:secret/shop/db#user", "REGISTRY_PASSWORD", "registry-pass-42"));

        assertThat(plain).isEqualTo(Map.of("DB_USER", "shop", "REGISTRY_PASSWORD", "registry-pass-42"));
        assertThat(secrets.redactor(QA, Map.of()).redact("login registry-pass-42"))
                .isEqualTo("login ******");
    }

    static Secrets secrets(String address, String token, String namespace) {
        return new Secrets(new SecretsProperties(
                null, new SecretsProperties.Vault(address, token, namespace, Duration.ofSeconds(2))));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
