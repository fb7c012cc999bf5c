package dev.stagecraft.query.environment;

import static dev.stagecraft.contracts.EnvironmentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.query.Fixtures;
import org.junit.jupiter.api.Test;

class StatusUpdateTest {

    @Test
    void runningSetsTheActualVersion() {
        StatusUpdate update = StatusUpdate.of(
                Fixtures.statusChanged("shop", "qa", 3, UPDATE_PENDING, RUNNING, "1.9.0", "1.9.0 is healthy"));

        assertThat(update).isEqualTo(new StatusUpdate(RUNNING, "1.9.0 is healthy", null, "1.9.0"));
    }

    @Test
    void aPendingStatusKeepsTheVersionThatRanLast() {
        StatusUpdate update = StatusUpdate.of(
                Fixtures.statusChanged("shop", "qa", 2, RUNNING, UPDATE_PENDING, "1.9.0", "deploying 1.9.0"));

        assertThat(update.version()).isNull();
        assertThat(update.failure()).isNull();
    }

    @Test
    void failureCarriesItsKind() {
        StatusUpdate update = StatusUpdate.of(
                Fixtures.statusChanged("shop", "qa", 4, RUNNING, FAILURE, "1.9.0", "health check failed"));

        assertThat(update.status()).isEqualTo(FAILURE);
        assertThat(update.failure()).isEqualTo(FailureReason.GENERIC);
        assertThat(update.reason()).isEqualTo("health check failed");
        assertThat(update.version()).isNull();
    }
}
