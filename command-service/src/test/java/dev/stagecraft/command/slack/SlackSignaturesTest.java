package dev.stagecraft.command.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.command.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignaturesTest {

    /** Slack's worked example, "Verifying requests from Slack" (docs.slack.dev / api.slack.com). */
    static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    static final String DOC_TIMESTAMP = "1531420618";
    static final String DOC_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1531420618L + 30));
    final SlackSignatures signatures = new SlackSignatures(DOC_SECRET, Duration.ofMinutes(5), clock);

    @Test
    void slacksWorkedExampleSignsAsDocumented() {
        assertThat(SlackSignatures.sign(DOC_SECRET.getBytes(StandardCharsets.UTF_8), DOC_TIMESTAMP, bytes(DOC_BODY)))
                .isEqualTo(DOC_SIGNATURE);
        assertThatCode(() -> signatures.verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void anyChangeToBodyTimestampOrSecretBreaksTheSignature() {
        assertRefused(DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY.replace("text=", "text=promote"), "does not match");
        assertRefused("1531420619", DOC_SIGNATURE, DOC_BODY, "does not match");
        assertRefused(DOC_TIMESTAMP, DOC_SIGNATURE.replace("v0=", "v1="), DOC_BODY, "does not match");
        assertRefused(DOC_TIMESTAMP, DOC_SIGNATURE.toUpperCase(), DOC_BODY, "does not match");
        SlackSignatures other = new SlackSignatures("another-secret", Duration.ofMinutes(5), clock);
        assertThatThrownBy(() -> other.verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY)))
                .hasMessageContaining("stagecraft.slack.signing-secret");
    }

    @Test
    void missingHeadersAndUnreadableTimestampsAreRefused() {
        assertRefused(null, DOC_SIGNATURE, DOC_BODY, "not signed");
        assertRefused(DOC_TIMESTAMP, null, DOC_BODY, "not signed");
        assertRefused(" ", DOC_SIGNATURE, DOC_BODY, "not signed");
        assertRefused("yesterday", DOC_SIGNATURE, DOC_BODY, "is not a Unix time");
        assertRefused("99999999999999999", DOC_SIGNATURE, DOC_BODY, "is not a Unix time");
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayIsRefusedEitherWay() {
        MutableClock late = new MutableClock(Instant.ofEpochSecond(1531420618L + 301));
        SlackSignatures afterWindow = new SlackSignatures(DOC_SECRET, Duration.ofMinutes(5), late);
        assertThatThrownBy(() -> afterWindow.verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY)))
                .isInstanceOf(SlackSignatures.Unverified.class)
                .hasMessageContaining("more than 5 minutes from now");

        MutableClock early = new MutableClock(Instant.ofEpochSecond(1531420618L - 301));
        SlackSignatures beforeWindow = new SlackSignatures(DOC_SECRET, Duration.ofMinutes(5), early);
        assertThatThrownBy(() -> beforeWindow.verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY)))
                .hasMessageContaining("more than 5 minutes from now");

        MutableClock edge = new MutableClock(Instant.ofEpochSecond(1531420618L + 300));
        assertThatCode(() -> new SlackSignatures(DOC_SECRET, Duration.ofMinutes(5), edge)
                        .verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void aReplayedRequestIsRefusedWithinTheWindowAndOutsideItByTheWindow() {
        signatures.verify(DOC_TIMESTAMP, DOC_SIGNATURE, bytes(DOC_BODY));
        assertRefused(DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY, "was received before");

        clock.advance(Duration.ofMinutes(5));
        assertRefused(DOC_TIMESTAMP, DOC_SIGNATURE, DOC_BODY, "more than 5 minutes");

        String fresh = String.valueOf(clock.instant().getEpochSecond());
        String signature = SlackSignatures.sign(DOC_SECRET.getBytes(StandardCharsets.UTF_8), fresh, bytes(DOC_BODY));
        assertThatCode(() -> signatures.verify(fresh, signature, bytes(DOC_BODY)))
                .as("the same body signed anew is a new request")
                .doesNotThrowAnyException();
    }

    private void assertRefused(String timestamp, String signature, String body, String because) {
        assertThatThrownBy(() -> signatures.verify(timestamp, signature, bytes(body)))
                .isInstanceOf(SlackSignatures.Unverified.class)
                .hasMessageContaining(because);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
