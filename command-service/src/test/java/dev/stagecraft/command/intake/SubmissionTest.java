package dev.stagecraft.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.command.Problem;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionTest {

    @Test
    void problemsNameFieldsAsTheSenderNamedThem() {
        UpdateEnvironment command = new UpdateEnvironment(
                CommandId.random(), "alice", "shop", "qa", null, null, null, null, null, null, null);
        Submission submission = new Submission(command, "rest", List.of(), Map.of("environment", "name"));

        assertThat(submission
                        .inSenderTerms(new Problem("environment", "is required"))
                        .field())
                .isEqualTo("name");
        assertThat(submission.inSenderTerms(new Problem("environments", "x")).field())
                .isEqualTo("environments");
        assertThat(submission.inSenderTerms(new Problem("version", "x")).field())
                .isEqualTo("version");
    }
}
