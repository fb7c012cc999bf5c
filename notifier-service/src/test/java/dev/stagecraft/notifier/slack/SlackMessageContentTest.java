package dev.stagecraft.notifier.slack;

import static dev.stagecraft.notifier.TestEvents.failed;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.started;
import static dev.stagecraft.notifier.TestEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.StepStatus;
import org.junit.jupiter.api.Test;

class SlackMessageContentTest {

    final DeploymentId id = DeploymentId.random();

    @Test
    void aRunningDeploymentShowsItsCurrentStep() {
        var view = DeploymentView.of(queued(id, "shop", "qa", 1, "1.7.0", "1.8.0"))
                .apply(started(id, "shop", "qa", 2))
                .apply(step(id, "shop", "qa", 3, "start", StepStatus.RUNNING, 40));

        SlackMessageContent content = SlackMessageContent.of(view);

        assertThat(content.text()).isEqualTo("shop/qa: deploy 1.7.0 → 1.8.0 by alice — running");
        assertThat(json(content))
                .contains(
                        ":arrows_counterclockwise: *shop/qa*", "`start` (2/3) running · 40%", "*Requested by*\\nalice")
                .contains(id.toString())
                .doesNotContain("Error");
    }

    @Test
    void aFailedDeploymentShowsTheErrorAndTheFailedStep() {
        var view = DeploymentView.of(started(id, "shop", "qa", 2))
                .apply(failed(id, "shop", "qa", 5, "1.8.0", "port <8080> in use & busy", "health-check"));

        SlackMessageContent content = SlackMessageContent.of(view);

        assertThat(content.text()).contains("failed in 4s", "port <8080> in use & busy");
        assertThat(json(content))
                .contains(
                        ":x:",
                        "*Error* in step `health-check`",
                        "port &lt;8080&gt; in use &amp; busy",
                        "*Duration*\\n4s");
    }

    @Test
    void durationsReadLikeAPersonWouldWriteThem() {
        assertThat(SlackMessageContent.duration(850)).isEqualTo("850 ms");
        assertThat(SlackMessageContent.duration(72_000)).isEqualTo("1m 12s");
        assertThat(SlackMessageContent.duration(3_780_000)).isEqualTo("1h 3m");
    }

    private static String json(SlackMessageContent content) {
        // Gson writes & as \u0026, which is the same JSON string
        return GsonFactory.createSnakeCase().toJson(content.blocks()).replace("\\u0026", "&");
    }
}
