package dev.stagecraft.command.slack;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /slack/commands}, the request URL of the Stagecraft slash command. A request that is not
 * provably from Slack is refused with 401 and a sentence; a verified one is answered with Slack's JSON
 * (always 200, since Slack shows other statuses only as a failure), an ephemeral acknowledgement or explanation.
 */
@RestController
class SlackCommandsController {

    private static final Logger log = LoggerFactory.getLogger(SlackCommandsController.class);

    private final SlackProperties properties;
    private final SlackSignatures signatures;
    private final SlackCommands commands;

    SlackCommandsController(SlackProperties properties, SlackSignatures signatures, SlackCommands commands) {
        this.properties = properties;
        this.signatures = signatures;
        this.commands = commands;
    }

    @PostMapping("/slack/commands")
    ResponseEntity<String> receive(
            HttpServletRequest request,
            @RequestHeader(name = SlackSignatures.TIMESTAMP_HEADER, required = false) @Nullable String timestamp,
            @RequestHeader(name = SlackSignatures.SIGNATURE_HEADER, required = false) @Nullable String signature)
            throws IOException {
        if (!properties.configured()) {
            return plain(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Slack slash commands are not configured here; set stagecraft.slack.signing-secret"
                            + " (STAGECRAFT_SLACK_SIGNING_SECRET) to the Slack app's signing secret");
        }
        byte[] body = rawBody(request);
        if (body.length > SlackRawBody.MAX_BYTES) {
            return plain(HttpStatus.CONTENT_TOO_LARGE, "the request is larger than any slash command Slack sends");
        }
        try {
            signatures.verify(timestamp, signature, body);
        } catch (SlackSignatures.Unverified unverified) {
            log.warn("refused a Slack request from {}: {}", request.getRemoteAddr(), unverified.getMessage());
            return plain(HttpStatus.UNAUTHORIZED, capitalised(unverified.getMessage()) + ".");
        }
        SlashCommandRequest slashCommand = SlashCommandRequest.of(body);
        if (slashCommand.sslCheck()) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(commands.receive(slashCommand).json());
    }

    private static byte[] rawBody(HttpServletRequest request) throws IOException {
        byte[] kept = SlackRawBody.of(request);
        return kept != null ? kept : request.getInputStream().readNBytes(SlackRawBody.MAX_BYTES + 1);
    }

    private static ResponseEntity<String> plain(HttpStatus status, String sentence) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(sentence);
    }

    private static String capitalised(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
