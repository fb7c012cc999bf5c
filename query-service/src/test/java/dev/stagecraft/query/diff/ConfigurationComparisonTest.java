package dev.stagecraft.query.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationComparisonTest {

    @Test
    void overridesAreComparedAsWhatToWouldGetFromFrom() {
        OverrideChanges changes = OverrideChanges.between(
                Map.of("LOG_LEVEL", "debug", "FEATURE_X", "on", "REGION", "eu"),
                Map.of("LOG_LEVEL", "info", "REGION", "eu", "OLD_FLAG", "yes"));

        assertThat(changes.added()).containsExactlyEntriesOf(Map.of("FEATURE_X", "on"));
        assertThat(changes.removed()).containsExactlyEntriesOf(Map.of("OLD_FLAG", "yes"));
        assertThat(changes.changed())
                .containsExactlyEntriesOf(Map.of("LOG_LEVEL", new OverrideChanges.ValueChange("debug", "info")));
        assertThat(changes.isEmpty()).isFalse();
        assertThat(OverrideChanges.between(Map.of("A", "1"), Map.of("A", "1")).isEmpty())
                .isTrue();
    }

    @Test
    void secretsAreComparedByFingerprintAndUnknownWithoutOne() {
        Map<String, String> states = SecretComparison.between(
                List.of("SAME", "OTHER", "ONLY_FROM", "OLD_EVENT", "HALF"),
                Map.of("SAME", "f1", "OTHER", "f2", "ONLY_FROM", "f3", "HALF", "f5"),
                List.of("SAME", "OTHER", "ONLY_TO", "OLD_EVENT", "HALF"),
                Map.of("SAME", "f1", "OTHER", "f9", "ONLY_TO", "f4"));

        assertThat(states)
                .containsExactly(
                        Map.entry("HALF", "unknown"),
                        Map.entry("OLD_EVENT", "unknown"),
                        Map.entry("ONLY_FROM", "added"),
                        Map.entry("ONLY_TO", "removed"),
                        Map.entry("OTHER", "changed"),
                        Map.entry("SAME", "unchanged"));
    }

    @Test
    void theCommandPatchesToWithFromsVersionAndOverridesAndPromotesIntoAStage() {
        EnvironmentState qa = state("qa", "1.9.0", null, Map.of("LOG_LEVEL", "debug"));
        EnvironmentState prod = state("prod", "1.8.0", null, Map.of("LOG_LEVEL", "info"));
        OverrideChanges overrides = OverrideChanges.between(qa.overrides(), prod.overrides());

        CatchUpCommand command = CatchUpCommand.of(
                "shop", qa, prod, true, overrides, new java.util.TreeMap<>(Map.of("DB_PASSWORD", "unchanged")));

        assertThat(command).isNotNull();
        assertThat(command.text())
                .isEqualTo("PATCH /api/v1/applications/shop/environments/prod "
                        + "{\"version\":\"1.9.0\",\"overrides\":{\"LOG_LEVEL\":\"debug\"}}");
        assertThat(command.promotion()).isNotNull();
        assertThat(command.promotion().text())
                .isEqualTo("POST /api/v1/applications/shop/promotions {\"version\":\"1.9.0\",\"to\":\"prod\"}");
        assertThat(command.secrets()).isNull();
    }

    @Test
    void onlyDifferingSecretsGiveACommandThatNamesThemWithoutValues() {
        EnvironmentState qa = state("qa", "1.9.0", "abc1234", Map.of());
        EnvironmentState prod = state("prod", "1.9.0", "abc1234", Map.of());

        CatchUpCommand command = CatchUpCommand.of(
                "shop",
                qa,
                prod,
                true,
                OverrideChanges.between(Map.of(), Map.of()),
                new java.util.TreeMap<>(Map.of("DB_PASSWORD", "changed", "API_TOKEN", "unchanged")));

        assertThat(command).isNotNull();
        assertThat(command.body()).isEmpty();
        assertThat(command.promotion()).isNull();
        assertThat(command.secrets())
                .isEqualTo("secrets differ: DB_PASSWORD (changed); query-service never sees secret values, so add"
                        + " \"secretOverrides\" with the values qa has for API_TOKEN, DB_PASSWORD (it replaces all"
                        + " secret overrides of prod)");
    }

    @Test
    void levelEnvironmentsNeedNoCommand() {
        EnvironmentState qa = state("qa", "1.9.0", null, Map.of("A", "1"));
        EnvironmentState prod = state("prod", "1.9.0", null, Map.of("A", "1"));

        assertThat(CatchUpCommand.of(
                        "shop",
                        qa,
                        prod,
                        true,
                        OverrideChanges.between(qa.overrides(), prod.overrides()),
                        new java.util.TreeMap<>(Map.of("S", "unchanged"))))
                .isNull();
    }

    private static EnvironmentState state(String name, String version, String commit, Map<String, String> overrides) {
        return new EnvironmentState(name, name, "RUNNING", version, version, commit, overrides, List.of(), Map.of());
    }
}
