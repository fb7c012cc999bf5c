package dev.stagecraft.command.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    @Test
    void aUuidKeyIsTheCommandId() {
        UUID key = UUID.randomUUID();
        assertThat(CommandIds.of(key.toString()).id()).isEqualTo(key);
    }

    @Test
    void anyOtherKeyMapsToTheSameIdEveryTime() {
        assertThat(CommandIds.of("deploy-pr-1432")).isEqualTo(CommandIds.of("deploy-pr-1432"));
        assertThat(CommandIds.of("deploy-pr-1432")).isNotEqualTo(CommandIds.of("deploy-pr-1433"));
    }

    @Test
    void noKeyMeansANewCommand() {
        assertThat(CommandIds.of(null)).isNotEqualTo(CommandIds.of(null));
        assertThat(CommandIds.of(" ")).isNotEqualTo(CommandIds.of(" "));
    }
}
