package dev.stagecraft.deployer.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DriverDefaultsPropertiesTest {

    @Test
    void bindsEachDriversPublicAndSecretDefaultsKeepingTheKeysAsWritten() {
        DriverDefaultsProperties properties = bind(Map.of(
                "stagecraft.deployer.concurrency", "4",
                "stagecraft.deployer.drivers.local.defaults[LOG_LEVEL]", "warn",
                "stagecraft.deployer.drivers.local.secret-defaults[REGISTRY_PASSWORD]", "registry-pass-42",
                "stagecraft.deployer.drivers.script.defaults.REGION", "eu"));

        assertThat(properties.of("local").defaults()).isEqualTo(Map.of("LOG_LEVEL", "warn"));
        assertThat(properties.of("local").secretDefaults()).isEqualTo(Map.of("REGISTRY_PASSWORD", "registry-pass-42"));
        assertThat(properties.of("script").defaults()).isEqualTo(Map.of("REGION", "eu"));
        assertThat(properties.of("kubernetes").defaults()).isEmpty();
        assertThat(properties.toString()).doesNotContain("registry-pass-42").contains("REGISTRY_PASSWORD");
    }

    @Test
    void aKeyBothPublicAndSecretStopsTheWorkerWithASentence() {
        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> bind(Map.of(
                        "stagecraft.deployer.drivers.local.defaults[DB_PASSWORD]", "a",
                        "stagecraft.deployer.drivers.local.secret-defaults[DB_PASSWORD]", "b")))
                .havingRootCause()
                .withMessage(
                        "stagecraft.deployer.drivers.local sets [DB_PASSWORD] in both defaults and secret-defaults;"
                                + " a key is either public or secret, so keep it in one");
    }

    @Test
    void withoutConfigurationNoDriverHasDefaults() {
        assertThat(new DriverDefaultsProperties(null).of("local").secretDefaults())
                .isEmpty();
    }

    private static DriverDefaultsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("stagecraft.deployer", DriverDefaultsProperties.class);
    }
}
