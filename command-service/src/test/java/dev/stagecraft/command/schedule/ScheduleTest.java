package dev.stagecraft.command.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    static final Instant EARLIER = Instant.parse("2029-12-31T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aCreateArmsTheTtlFromItsAcceptance() {
        assertThat(Schedule.NONE.after(create(HOUR), HOUR, NOW)).isEqualTo(new Schedule(NOW.plus(HOUR), null));
        assertThat(Schedule.NONE.after(create(null), null, NOW)).isEqualTo(Schedule.NONE);
    }

    @Test
    void anUpdateNamingATtlReArmsItAndOneWithoutKeepsTheDeadline() {
        Schedule armed = new Schedule(EARLIER.plus(HOUR), null);
        Duration day = Duration.ofDays(1);
        assertThat(armed.after(update(day), day, NOW)).isEqualTo(new Schedule(NOW.plus(day), null));
        assertThat(armed.after(update(null), HOUR, NOW)).isEqualTo(armed);
    }

    @Test
    void anArchiveLeavesNothingToExpireAndACleanupNothingAtAll() {
        Schedule armed = new Schedule(NOW.plus(HOUR), null);
        assertThat(armed.after(new ArchiveEnvironment(CommandId.random(), "a", "shop", "r"), HOUR, NOW))
                .isEqualTo(Schedule.NONE);
        assertThat(new Schedule(null, NOW)
                        .after(new CleanupEnvironment(CommandId.random(), "a", "shop", "r"), HOUR, NOW))
                .isEqualTo(Schedule.NONE);
    }

    @Test
    void aRestoreCancelsTheCleanupAndReArmsTheTtlFromTheRestore() {
        Schedule archived = new Schedule(null, NOW.plus(Duration.ofDays(3)));
        RestoreEnvironment restore = new RestoreEnvironment(CommandId.random(), "a", "shop", "r");
        assertThat(archived.after(restore, HOUR, NOW)).isEqualTo(new Schedule(NOW.plus(HOUR), null));
        assertThat(archived.after(restore, null, NOW)).isEqualTo(Schedule.NONE);
    }

    @Test
    void deadlinesAreKeptToTheMicrosecondAsPostgresqlStoresThem() {
        Instant at = Instant.parse("2030-01-01T10:00:00.123456789Z");
        assertThat(Schedule.deadline(at, HOUR)).isEqualTo(Instant.parse("2030-01-01T11:00:00.123456Z"));
        assertThat(Schedule.deadline(at, null)).isNull();
    }

    @Test
    void theCommandIdOfADeadlineIsTheSameForEveryReplicaAndNewForANewDeadline() {
        Due due = new Due("shop", "review-1", NOW, EnvironmentStatus.RUNNING);
        CommandId archive = due.commandId("environment.archive");
        assertThat(new Due("shop", "review-1", NOW, EnvironmentStatus.UPDATE_PENDING).commandId("environment.archive"))
                .isEqualTo(archive);
        assertThat(due.commandId("environment.cleanup")).isNotEqualTo(archive);
        assertThat(new Due("shop", "review-1", NOW.plusMillis(1), EnvironmentStatus.RUNNING)
                        .commandId("environment.archive"))
                .isNotEqualTo(archive);
        assertThat(new Due("shop", "review-2", NOW, EnvironmentStatus.RUNNING).commandId("environment.archive"))
                .isNotEqualTo(archive);
    }

    @Test
    void propertiesDefaultToThirtySecondsAndFourteenDaysAndRefuseNonPositiveDurations() {
        ScheduleProperties defaults = new ScheduleProperties(null, null);
        assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> new ScheduleProperties(Duration.ZERO, null))
                .hasMessage("stagecraft.schedule.interval must be a positive duration such as 30s (got PT0S)");
    }

    private static CreateEnvironment create(Duration ttl) {
        return new CreateEnvironment(
                CommandId.random(), "a", "shop", "r", "1.0.0", null, Map.of(), Map.of(), ttl, List.of(), null);
    }

    private static UpdateEnvironment update(Duration ttl) {
        return new UpdateEnvironment(CommandId.random(), "a", "shop", "r", null, null, null, null, ttl, null, null);
    }
}
