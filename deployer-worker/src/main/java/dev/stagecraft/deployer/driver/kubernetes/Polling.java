package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Looks at something in a cluster again and again until it has an answer or the time is up. */
record Polling(Duration interval) {

    /**
     * Calls {@code look} every {@link #interval} until it answers (or throws); after {@code timeout}, throws what
     * {@code timedOut} makes.
     */
    <T> T until(String step, Duration timeout, Supplier<Optional<T>> look, Supplier<DriverException> timedOut) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> answer = look.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw timedOut.get();
            }
            pause(step);
        }
    }

    private void pause(String step) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(step, FailureReason.GENERIC, "interrupted while waiting");
        }
    }
}
