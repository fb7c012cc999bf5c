package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsWhenNothingIsGiven() {
        Settings settings = Settings.resolve(noFlags(), Map.of(), home, home);

        assertThat(settings.commandUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(settings.queryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(settings.notifierWebSocketUrl()).isEqualTo("ws://127.0.0.1:8082");
        assertThat(settings.token()).isNull();
        assertThatThrownBy(settings::requireToken)
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.exitCode).isEqualTo(ExitCode.AUTH))
                .hasMessageContaining("pass --token, set STAGECRAFT_TOKEN");
    }

    @Test
    void flagsBeatEnvironmentVariablesWhichBeatTheConfigFile() throws IOException {
        writeConfig(
                "command-url = http://file:1\nquery-url = http://file:2\nnotifier-url = http://file:3\ntoken = from-file\n");
        Map<String, String> env = Map.of("STAGECRAFT_QUERY_URL", "http://env:2/", "STAGECRAFT_TOKEN", "from-env");

        Settings fileOnly = Settings.resolve(noFlags(), Map.of(), home, home);
        Settings withEnv = Settings.resolve(noFlags(), env, home, home);
        Settings withFlags =
                Settings.resolve(new Settings.Flags(null, "https://flag:2", null, "from-flag", null), env, home, home);

        assertThat(fileOnly)
                .extracting(Settings::commandUrl, Settings::queryUrl, Settings::notifierUrl, Settings::token)
                .containsExactly("http://file:1", "http://file:2", "http://file:3", "from-file");
        assertThat(withEnv)
                .extracting(Settings::commandUrl, Settings::queryUrl, Settings::token)
                .containsExactly("http://file:1", "http://env:2", "from-env");
        assertThat(withFlags)
                .extracting(Settings::commandUrl, Settings::queryUrl, Settings::token, Settings::tokenSource)
                .containsExactly("http://file:1", "https://flag:2", "from-flag", "--token");
    }

    @Test
    void theConfigFileFollowsXdgConfigHomeOrIsNamed() throws IOException {
        Path xdg = Files.createDirectories(home.resolve("xdg/stagecraft"));
        Files.writeString(xdg.resolve("config"), "token=xdg\n");
        Path named = Files.writeString(home.resolve("other.conf"), "token=named\n");

        assertThat(Settings.resolve(
                                noFlags(),
                                Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()),
                                home,
                                home)
                        .token())
                .isEqualTo("xdg");
        assertThat(Settings.resolve(noFlags(), Map.of("STAGECRAFT_CONFIG", named.toString()), home, home)
                        .token())
                .isEqualTo("named");
        assertThatThrownBy(() -> Settings.resolve(
                        new Settings.Flags(null, null, null, null, home.resolve("missing")), Map.of(), home, home))
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.exitCode).isEqualTo(ExitCode.USAGE))
                .hasMessage(
                        "config file " + home.resolve("missing") + " does not exist; create it or leave --config out");
    }

    @Test
    void theTokenFallsBackToTheBootstrapTokenOfTheCheckout() throws IOException {
        Path checkout = home.resolve("repo");
        Files.createDirectories(checkout.resolve(".bootstrap"));
        Files.writeString(checkout.resolve(".bootstrap/admin.token"), "sc_bootstrap\n");
        Path below = Files.createDirectories(checkout.resolve("cli/src"));

        Settings settings = Settings.resolve(noFlags(), Map.of(), home, below);

        assertThat(settings.token()).isEqualTo("sc_bootstrap");
        assertThat(settings.tokenSource()).endsWith(".bootstrap/admin.token");
    }

    @Test
    void aBadUrlIsAUsageErrorNamingTheSetting() {
        assertThatThrownBy(() ->
                        Settings.resolve(noFlags(), Map.of("STAGECRAFT_COMMAND_URL", "localhost:8080"), home, home))
                .isInstanceOfSatisfying(
                        Failure.class, f -> assertThat(f.exitCode).isEqualTo(ExitCode.USAGE))
                .hasMessage("command-url 'localhost:8080' is not an http(s) URL; give one like http://127.0.0.1:8080");
    }

    @Test
    void theNotifierAddressBecomesAWebSocketAddress() {
        Settings settings = Settings.resolve(
                new Settings.Flags(null, null, "https://notify.example", null, null), Map.of(), home, home);

        assertThat(settings.notifierWebSocketUrl()).isEqualTo("wss://notify.example");
    }

    private void writeConfig(String text) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".config/stagecraft"));
        Files.writeString(dir.resolve("config"), text);
    }

    private static Settings.Flags noFlags() {
        return new Settings.Flags(null, null, null, null, null);
    }
}
