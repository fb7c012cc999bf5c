package dev.stagecraft.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedeliveryBackoffTest {

    @Test
    void thePauseDoublesUpToItsMaximum() {
        RedeliveryBackoff backoff = new RedeliveryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L, 100L).stream().map(backoff::pause))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60));
    }
}
