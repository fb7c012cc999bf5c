package dev.stagecraft.command.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.job.LayeredConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    static Application shop(Map<String, String> defaults) {
        return new Application("shop", null, "local", Map.of(), defaults, Map.of(), List.of());
    }

    @Test
    void environmentOverridesWinOverApplicationDefaultsOfTheSameKind() {
        LayeredConfiguration configuration = shop(Map.of("LOG_LEVEL", "info", "REGION", "eu"))
                .configuration(
                        Map.of("DB_PASSWORD", "sealed-default", "API_TOKEN", "sealed-token"),
                        Map.of("LOG_LEVEL", "debug"),
                        Map.of("DB_PASSWORD", "sealed-override"));

        assertThat(configuration.overrides()).isEqualTo(Map.of("LOG_LEVEL", "debug", "REGION", "eu"));
        assertThat(configuration.secrets())
                .isEqualTo(Map.of("DB_PASSWORD", "sealed-override", "API_TOKEN", "sealed-token"));
        assertThat(configuration.secretKeys()).containsExactly("API_TOKEN", "DB_PASSWORD");
    }

    @Test
    void theHigherLayerDecidesWhetherAKeyIsPublicOrSecretAndTheKeyAppearsOnce() {
        LayeredConfiguration configuration = shop(Map.of("FEATURE_FLAG", "off", "REGION", "eu"))
                .configuration(
                        Map.of("DEBUG_TOKEN", "sealed-default"),
                        Map.of("DEBUG_TOKEN", "not-secret-in-qa"),
                        Map.of("FEATURE_FLAG", "sealed-flag"));

        assertThat(configuration.overrides()).isEqualTo(Map.of("DEBUG_TOKEN", "not-secret-in-qa", "REGION", "eu"));
        assertThat(configuration.secrets()).isEqualTo(Map.of("FEATURE_FLAG", "sealed-flag"));
        assertThat(configuration.overrides().keySet()).doesNotContainAnyElementsOf(configuration.secretKeys());
    }

    @Test
    void aKeyGivenBothWaysInOneLayerCountsAsSecret() {
        LayeredConfiguration configuration = LayeredConfiguration.of(Map.of("K", "public"), Map.of("K", "sealed"));

        assertThat(configuration.overrides()).isEmpty();
        assertThat(configuration.secrets()).isEqualTo(Map.of("K", "sealed"));
    }

    @Test
    void withoutOverridesTheDefaultsApplyAsTheyAre() {
        LayeredConfiguration configuration =
                shop(Map.of("LOG_LEVEL", "info")).configuration(Map.of("S", "sealed"), Map.of(), Map.of());

        assertThat(configuration.overrides()).isEqualTo(Map.of("LOG_LEVEL", "info"));
        assertThat(configuration.secrets()).isEqualTo(Map.of("S", "sealed"));
    }

    @Test
    void theSpecNamesTheSecretDefaultsButCarriesNoneOfTheirValues() {
        Application application = new Application(
                "shop",
                null,
                "local",
                Map.of(),
                Map.of("LOG_LEVEL", "info"),
                Map.of("Z_KEY", "aes-gcm:v1:zzz", "A_KEY", "vault:secret/shop/db#password"),
                List.of());

        assertThat(application.spec().secretKeys()).containsExactly("A_KEY", "Z_KEY");
        assertThat(application.spec().toString()).doesNotContain("aes-gcm:v1:zzz", "vault:");
    }
}
