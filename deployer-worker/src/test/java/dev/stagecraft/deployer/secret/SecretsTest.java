package dev.stagecraft.deployer.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.deployer.driver.Target;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    static final Target QA = new Target("shop", "qa");
    final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);
    final Secrets withoutVault = new Secrets(new SecretsProperties(null));

    @Test
    void opensSealedValuesBoundToTheirPlace() {
        String sealed = box.seal("shop/qa/DB_PASSWORD", "s3cret");

        assertThat(withoutVault.open(QA, Map.of("DB_PASSWORD", sealed))).isEqualTo(Map.of("DB_PASSWORD", "s3cret"));
        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> withoutVault.open(new Target("shop", "prod"), Map.of("DB_PASSWORD", sealed)))
                .withMessage("cannot open secret DB_PASSWORD of shop/prod: it was sealed with another key; give"
                        + " deployer-worker the same stagecraft.secrets.key as command-service");
    }

    @Test
    void aReferenceWithVaultOffFailsWithASentenceThatSaysHowToTurnItOn() {
        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> withoutVault.open(QA, Map.of("DB_PASSWORD", "vault:secret/shop/db#password")))
                .withMessage("secret DB_PASSWORD of shop/qa (vault:secret/shop/db#password) is a Vault reference, but"
                        + " Vault is off in deployer-worker; set stagecraft.secrets.vault.address and .token"
                        + " (STAGECRAFT_SECRETS_VAULT_ADDRESS, STAGECRAFT_SECRETS_VAULT_TOKEN), or set the secret to a"
                        + " value");
    }

    @Test
    void aMalformedReferenceOrAPlainValueIsRefusedWithoutQuotingIt() {
        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> withoutVault.open(QA, Map.of("T", "vault:secret-without-key")))
                .withMessage("secret T of shop/qa starts with vault: but is not a Vault reference of the form"
                        + " vault:<mount>/<path>#<key> (e.g. vault:secret/shop/db#password); set it again");
        assertThatExceptionOfType(SecretUnavailableException.class)
                .isThrownBy(() -> withoutVault.open(QA, Map.of("T", "plain-text-leaked")))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("secret T of shop/qa is neither sealed")
                        .doesNotContain("plain-text-leaked"));
    }

    @Test
    void propertiesNeverPrintTheKeyOrTheToken() {
        SecretsProperties properties = new SecretsProperties(
                DevelopmentKey.DEVELOPMENT_KEY,
                new SecretsProperties.Vault("http://vault:8200", "s.very-secret", null, null));

        assertThat(properties.toString()).doesNotContain(DevelopmentKey.DEVELOPMENT_KEY, "s.very-secret");
        assertThat(properties.vault().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new SecretsProperties(null).vault().enabled()).isFalse();
    }
}
