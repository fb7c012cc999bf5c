package dev.stagecraft.command.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class SlackCommandsControllerTest {

    @Test
    void withoutASigningSecretSlashCommandsAreOffAndSaySo() throws Exception {
        SlackProperties off = new SlackProperties("", null, null, List.of(), null, null);
        SlackCommands commands = mock(SlackCommands.class);
        SlackCommandsController controller = new SlackCommandsController(
                off, new SlackSignatures("", Duration.ofMinutes(5), Clock.systemUTC()), commands);

        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/slack/commands");
        request.setContent("text=list".getBytes());
        ResponseEntity<String> answer = controller.receive(request, "1531420618", "v0=00");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(answer.getBody())
                .isEqualTo("Slack slash commands are not configured here; set stagecraft.slack.signing-secret"
                        + " (STAGECRAFT_SLACK_SIGNING_SECRET) to the Slack app's signing secret");
        verifyNoInteractions(commands);
    }
}
