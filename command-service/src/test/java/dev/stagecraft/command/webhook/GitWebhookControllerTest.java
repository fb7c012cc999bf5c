package dev.stagecraft.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class GitWebhookControllerTest {

    @Test
    void withoutASecretTheHookSaysItIsNotConfiguredAndReadsNothing() {
        GitWebhookController controller =
                new GitWebhookController(new GitWebhookProperties(null, null), null, null, null, Clock.systemUTC());

        ResponseEntity<?> answer =
                controller.receive("{}".getBytes(StandardCharsets.UTF_8), "push", "d-1", "sha256=00");

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) answer.getBody()).getDetail())
                .isEqualTo("the git web hook is not configured on this command-service; set"
                        + " stagecraft.webhooks.git.secret (env STAGECRAFT_WEBHOOKS_GIT_SECRET) to the secret of the"
                        + " GitHub web hook");
    }
}
