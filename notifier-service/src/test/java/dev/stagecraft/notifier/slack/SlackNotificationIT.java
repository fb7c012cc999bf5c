package dev.stagecraft.notifier.slack;

import static dev.stagecraft.notifier.TestEvents.publish;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.started;
import static dev.stagecraft.notifier.TestEvents.step;
import static dev.stagecraft.notifier.TestEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.notifier.ClosedAfterContext;
import dev.stagecraft.notifier.slack.FakeSlack.Call;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stagecraft.notifier.slack.token=" + FakeSlack.TOKEN,
            "stagecraft.notifier.slack.channel=#deployments",
            "stagecraft.notifier.slack.channels.billing=#billing",
            "stagecraft.notifier.slack.poll-interval=100ms",
            "stagecraft.notifier.slack.initial-backoff=200ms",
            "stagecraft.notifier.slack.max-backoff=1s"
        })
@DirtiesContext
@TestExecutionListeners(listeners = ClosedAfterContext.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
class SlackNotificationIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("notifier-slack");
    static final FakeSlack slack = FakeSlack.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.notifier.slack.base-url", slack::baseUrl);
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @AfterEach
    void slackWasCalledAsDocumented() {
        assertThat(slack.problems()).isEmpty();
        assertThat(admin.getQueueInfo(Topology.deadLetterQueue("stagecraft.events.notifier-service"))
                        .getMessageCount())
                .as("a Slack failure never dead-letters an event")
                .isZero();
    }

    @Test
    void aDeploymentHasOneMessageUpdatedInPlaceUntilItsOutcome() {
        DeploymentId shop = DeploymentId.random();
        publish(rabbit, queued(shop, "shop", "qa", 1, "1.7.0", "1.8.0"));
        Call post = await().until(() -> slack.callsFor(shop), calls -> calls.size() == 1)
                .getFirst();
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.form()).containsEntry("channel", "#deployments");
        assertThat(post.form().get("text")).contains("shop/qa", "1.7.0 → 1.8.0", "alice", "queued");
        assertThat(post.blocks()).contains(":hourglass_flowing_sand:", "Queued", "`1.7.0` → `1.8.0`");

        publish(rabbit, started(shop, "shop", "qa", 2));
        publish(rabbit, step(shop, "shop", "qa", 3, "start", StepStatus.RUNNING, 40));
        Message done = publish(rabbit, succeeded(shop, "shop", "qa", 5, "1.8.0", 72_000));
        Call last = await().until(
                        () -> slack.callsFor(shop).getLast(),
                        call -> call.blocks().contains("Succeeded"));

        List<Call> calls = slack.callsFor(shop);
        assertThat(calls).filteredOn(c -> c.method().equals("chat.postMessage")).hasSize(1);
        assertThat(calls.subList(1, calls.size())).isNotEmpty().allSatisfy(update -> {
            assertThat(update.method()).isEqualTo("chat.update");
            assertThat(update.form()).containsEntry("channel", "C0DEPLOYS1").containsEntry("ts", tsOf(post));
            assertThat(update.ok()).isTrue();
        });
        assertThat(last.blocks()).contains(":white_check_mark:", "1m 12s", "`1.7.0` → `1.8.0`", "alice");
        assertThat(last.form().get("text")).contains("succeeded in 1m 12s");

        // the same delivery again changes nothing; a second deployment gets a message of its own,
        // in its application's channel, and is handled after the duplicate (one consumer, FIFO)
        publish(rabbit, done);
        DeploymentId billing = DeploymentId.random();
        publish(rabbit, queued(billing, "billing", "prod", 1, "3.1.0", "3.2.0"));
        Call second =
                await().until(() -> slack.callsFor(billing), c -> !c.isEmpty()).getFirst();
        assertThat(second.method()).isEqualTo("chat.postMessage");
        assertThat(second.form()).containsEntry("channel", "#billing");
        assertThat(tsOf(second)).isNotEqualTo(tsOf(post));
        assertThat(slack.callsFor(shop)).hasSize(calls.size());
    }

    @Test
    void rateLimitsAndRefusalsAreRetried() {
        slack.rateLimitNext("chat.postMessage", "orders/", 1);
        slack.refuseNext("chat.postMessage", "payments/", "channel_not_found");
        slack.rateLimitNext("chat.update", "payments/", 1);
        DeploymentId orders = DeploymentId.random();
        DeploymentId payments = DeploymentId.random();

        publish(rabbit, queued(orders, "orders", "qa", 1, "0.9.0", "1.0.0"));
        publish(rabbit, queued(payments, "payments", "qa", 1, "2.0.0", "2.1.0"));
        List<Call> ordersPosts = await().until(() -> slack.callsFor(orders), calls -> calls.size() == 2);
        assertThat(ordersPosts).extracting(Call::status).containsExactly(429, 200);
        assertThat(Duration.between(ordersPosts.get(0).at(), ordersPosts.get(1).at()))
                .as("Retry-After is honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));

        await().until(() -> slack.callsFor(payments), calls -> calls.size() == 2);
        assertThat(slack.callsFor(payments)).extracting(Call::ok).containsExactly(false, true);
        publish(rabbit, succeeded(payments, "payments", "qa", 4, "2.1.0", 800));
        List<Call> calls =
                await().until(() -> slack.callsFor(payments), c -> c.getLast().ok() && c.size() == 4);
        assertThat(calls)
                .extracting(Call::method)
                .containsExactly("chat.postMessage", "chat.postMessage", "chat.update", "chat.update");
        assertThat(calls.get(2).status()).isEqualTo(429);
        assertThat(calls.getLast().blocks()).contains("Succeeded", "800 ms");
    }

    private static String tsOf(Call post) {
        return post.answer().replaceFirst(".*\"ts\":\"([0-9.]+)\".*", "$1");
    }
}
