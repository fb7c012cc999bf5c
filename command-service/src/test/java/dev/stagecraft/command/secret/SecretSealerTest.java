package dev.stagecraft.command.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.SecretBox;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    static final String OTHER_KEY = "b3RoZXItc3RhZ2VjcmFmdC1rZXktb2YtMzItYnl0ZXM=";

    final SecretSealer sealer = new SecretSealer(new SecretsProperties(null));
    final SecretBox box = new SecretBox(SecretBox.DEVELOPMENT_KEY);

    @Test
    void sealsAnEnvironmentsSecretsForTheirPlaceAndKeepsVaultReferences() {
        Map<String, String> sealed =
                sealer.seal("shop", "qa", Map.of("DB_PASSWORD", "s3cret", "API_TOKEN", "vault:secret/shop/api#token"));

        assertThat(sealed.get("DB_PASSWORD")).startsWith(SecretBox.PREFIX).doesNotContain("s3cret");
        assertThat(box.open("shop/qa/DB_PASSWORD", sealed.get("DB_PASSWORD"))).isEqualTo("s3cret");
        assertThat(sealed.get("API_TOKEN")).isEqualTo("vault:secret/shop/api#token");
    }

    @Test
    void sealsApplicationDefaultsForNoEnvironmentAndSealsThemAgainForEach() {
        Map<String, String> defaults = sealer.sealDefaults(
                "shop", Map.of("DB_PASSWORD", "default-pass", "API_TOKEN", "vault:secret/shop/api#token"));

        assertThat(box.open("shop/*/DB_PASSWORD", defaults.get("DB_PASSWORD"))).isEqualTo("default-pass");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> box.open("shop/qa/DB_PASSWORD", defaults.get("DB_PASSWORD")));

        Map<String, String> forQa = sealer.forEnvironment("shop", "qa", defaults);

        assertThat(box.open("shop/qa/DB_PASSWORD", forQa.get("DB_PASSWORD"))).isEqualTo("default-pass");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> box.open("shop/prod/DB_PASSWORD", forQa.get("DB_PASSWORD")));
        assertThat(forQa.get("API_TOKEN")).isEqualTo("vault:secret/shop/api#token");
    }

    @Test
    void fingerprintsAreEqualForEqualValuesOfAKeyAcrossEnvironmentsAndRevealNothingElse() {
        Map<String, String> qa = sealer.fingerprints(
                "shop", "qa", sealer.seal("shop", "qa", Map.of("DB_PASSWORD", "s3cret", "API_TOKEN", "vault:a/b#c")));
        Map<String, String> prod = sealer.fingerprints(
                "shop",
                "prod",
                sealer.seal("shop", "prod", Map.of("DB_PASSWORD", "s3cret", "API_TOKEN", "vault:a/b#d")));
        Map<String, String> otherValue =
                sealer.fingerprints("shop", "qa", sealer.seal("shop", "qa", Map.of("DB_PASSWORD", "s3cret!")));
        Map<String, String> otherApp =
                sealer.fingerprints("cart", "qa", sealer.seal("cart", "qa", Map.of("DB_PASSWORD", "s3cret")));
        Map<String, String> otherKey = new SecretSealer(new SecretsProperties(OTHER_KEY))
                .fingerprints("shop", "qa", Map.of("DB_PASSWORD", "vault:a/b#c"));

        assertThat(prod.get("DB_PASSWORD")).isEqualTo(qa.get("DB_PASSWORD"));
        assertThat(prod.get("API_TOKEN")).isNotEqualTo(qa.get("API_TOKEN"));
        assertThat(otherValue.get("DB_PASSWORD")).isNotEqualTo(qa.get("DB_PASSWORD"));
        assertThat(otherApp.get("DB_PASSWORD")).isNotEqualTo(qa.get("DB_PASSWORD"));
        assertThat(otherKey.get("DB_PASSWORD"))
                .isNotEqualTo(sealer.fingerprints("shop", "qa", Map.of("DB_PASSWORD", "vault:a/b#c"))
                        .get("DB_PASSWORD"));
        assertThat(qa.get("DB_PASSWORD")).matches("[A-Za-z0-9_-]{22}").doesNotContain("s3cret");
    }

    @Test
    void aSecretSealedUnderAnotherKeyGetsNoFingerprint() {
        Map<String, String> foreign =
                new SecretSealer(new SecretsProperties(OTHER_KEY)).seal("shop", "qa", Map.of("DB_PASSWORD", "x"));

        assertThat(sealer.fingerprints("shop", "qa", foreign)).isEmpty();
    }

    @Test
    void aDefaultSealedUnderAnotherKeyIsAConflictThatSaysWhatToDo() {
        Map<String, String> foreign =
                new SecretSealer(new SecretsProperties(OTHER_KEY)).sealDefaults("shop", Map.of("DB_PASSWORD", "x"));

        assertThatExceptionOfType(CommandRefusedException.class)
                .isThrownBy(() -> sealer.forEnvironment("shop", "qa", foreign))
                .satisfies(e -> assertThat(e.code()).isEqualTo(RejectionCode.CONFLICT))
                .withMessage("the secret default DB_PASSWORD of application shop was sealed with another"
                        + " stagecraft.secrets.key than command-service has now; register the application again"
                        + " with its secretDefaults");
    }

    @Test
    void recognisesWellFormedVaultReferences() {
        assertThat(VaultReference.isWellFormed("vault:secret/shop/db#password")).isTrue();
        assertThat(VaultReference.isWellFormed("vault:kv/a#b")).isTrue();
        assertThat(VaultReference.isWellFormed("vault:secret#password")).isFalse();
        assertThat(VaultReference.isWellFormed("vault:secret/shop/db")).isFalse();
        assertThat(VaultReference.isWellFormed("vault:secret//db#password")).isFalse();
        assertThat(VaultReference.isWellFormed("vault:secret/shop/db#")).isFalse();
        assertThat(VaultReference.isReference("vault:anything")).isTrue();
        assertThat(VaultReference.isReference("s3cret")).isFalse();
    }
}
