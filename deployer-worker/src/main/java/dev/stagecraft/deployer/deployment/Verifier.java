package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The {@code verify} step: GETs the environment's URL until it answers 2xx, or fails the deployment with the
 * last answer once the verification's timeout passes.
 */
@Component
class Verifier {

    private static final Duration PAUSE = Duration.ofMillis(500);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;

    Verifier(Clock clock) {
        this.clock = clock;
    }

    void verify(DeploymentPlan.Verification verification, String version, List<Link> links, StepReporter steps) {
        URI uri = uri(verification, version, links);
        steps.running(Steps.VERIFY, "GET " + uri + " until it answers 2xx (up to " + verification.timeout() + ")");
        Instant deadline = clock.instant().plus(verification.timeout());
        String last;
        do {
            last = probe(uri);
            if (last.startsWith("2")) {
                steps.done(Steps.VERIFY, "GET " + uri + " answered " + last);
                return;
            }
            pause();
        } while (clock.instant().isBefore(deadline));
        throw new DriverException(
                Steps.VERIFY,
                FailureReason.GENERIC,
                "verification failed: GET " + uri + " did not answer 2xx within " + verification.timeout()
                        + "; last answer: " + last);
    }

    private static URI uri(DeploymentPlan.Verification verification, String version, List<Link> links) {
        String url = verification.url();
        if (url == null) {
            if (links.isEmpty()) {
                throw new DriverException(
                        Steps.VERIFY,
                        FailureReason.GENERIC,
                        "verifyPath needs a URL of the environment, but its driver reports none; set verifyUrl");
            }
            url = links.getFirst().url().replaceAll("/+$", "") + verification.path();
        }
        try {
            return URI.create(url.replace("{version}", version));
        } catch (IllegalArgumentException e) {
            throw new DriverException(Steps.VERIFY, FailureReason.GENERIC, "verifyUrl '" + url + "' is not a URL");
        }
    }

    private String probe(URI uri) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return Integer.toString(response.statusCode());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Steps.VERIFY, FailureReason.GENERIC, "verification was interrupted");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Steps.VERIFY, FailureReason.GENERIC, "verification was interrupted");
        }
    }
}
