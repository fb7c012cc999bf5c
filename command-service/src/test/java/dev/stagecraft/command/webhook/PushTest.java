package dev.stagecraft.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushTest {

    @Test
    void readsTheFieldsOfAGithubPushAndNamesTheRepositoryEveryWayGithubDoes() {
        Push push = Push.read(GitHubPayloads.push("acme/shop", "develop", GitHubPayloads.SHA, "octocat")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(push.branch()).isEqualTo("develop");
        assertThat(push.after()).isEqualTo(GitHubPayloads.SHA);
        assertThat(push.deleted()).isFalse();
        assertThat(push.actor()).isEqualTo("git:octocat");
        assertThat(push.headline()).isEqualTo("Fix the checkout total");
        assertThat(push.names("https://github.com/acme/shop.git")).isTrue();
        assertThat(push.names("https://github.com/Acme/Shop/")).isTrue();
        assertThat(push.names("git@github.com:acme/shop.git")).isTrue();
        assertThat(push.names("acme/shop")).isTrue();
        assertThat(push.names("https://github.com/acme/shop-admin.git")).isFalse();
    }

    @Test
    void aTagIsNotABranchAndABodyThatIsNoPushIsRefused() {
        Push tag = Push.read(GitHubPayloads.push("acme/shop", "develop", GitHubPayloads.SHA, "octocat")
                .replace("refs/heads/develop", "refs/tags/v1.0")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(tag.branch()).isNull();
        assertThatThrownBy(() -> Push.read("{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the body is not a GitHub push payload: it needs ref and repository");
        assertThatThrownBy(() -> Push.read("ref=x".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the body is not JSON");
    }

    @Test
    void theVersionTemplateFillsInTheCommit() {
        assertThat(new GitWebhookProperties("s", null).version(GitHubPayloads.SHA, "develop"))
                .isEqualTo(GitHubPayloads.SHA.substring(0, 7));
        assertThat(new GitWebhookProperties("s", "{branch}-{shortSha}").version(GitHubPayloads.SHA, "develop"))
                .isEqualTo("develop-" + GitHubPayloads.SHA.substring(0, 7));
        assertThat(new GitWebhookProperties("s", "git-{sha}").version(GitHubPayloads.SHA, "main"))
                .isEqualTo("git-" + GitHubPayloads.SHA);
        assertThat(new GitWebhookProperties(" ", null).configured()).isFalse();
    }
}
