package dev.stagecraft.notifier.slack;

import static dev.stagecraft.notifier.TestEvents.approved;
import static dev.stagecraft.notifier.TestEvents.awaitingApproval;
import static dev.stagecraft.notifier.TestEvents.cancelled;
import static dev.stagecraft.notifier.TestEvents.publish;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.registered;
import static dev.stagecraft.notifier.TestEvents.rejected;
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
import java.util.function.Predicate;
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
            "stagecraft.notifier.slack.max-backoff=1s",
            "stagecraft.notifier.slack.approval-channel=#approvals",
            "stagecraft.notifier.slack.routes[0].app=shop",
            "stagecraft.notifier.slack.routes[0].stage=prod",
            "stagecraft.notifier.slack.routes[0].channel=#shop-prod",
            "stagecraft.notifier.slack.routes[0].approval-channel=#release-managers"
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

    @Test
    void anApprovalIsAskedForInTheStagesApprovalChannelAndTheRequestIsUpdatedWhenAnswered() {
        publish(rabbit, registered("shop", "development", "qa", "prod"));
        DeploymentId release = DeploymentId.random();
        publish(rabbit, awaitingApproval(release, "shop", "prod", 1, "1.8.0", "1.9.0"));

        List<Call> posts = await().until(() -> slack.callsFor(release), calls -> calls.size() == 2);
        Call request = only(posts, APPROVAL);
        assertThat(request.method()).isEqualTo("chat.postMessage");
        assertThat(request.form()).containsEntry("channel", "#release-managers");
        assertThat(request.form().get("text"))
                .isEqualTo("Approval needed: shop/prod 1.8.0 → 1.9.0 requested by alice — /stagecraft approve "
                        + release + " or /stagecraft reject " + release);
        assertThat(request.blocks()).contains("*Stage*\\nprod", "/stagecraft approve " + release);
        Call progress = only(posts, DEPLOYMENT);
        assertThat(progress.form()).containsEntry("channel", "#shop-prod");
        assertThat(progress.blocks()).contains(":raised_hand:", "Awaiting approval", "*Stage*\\nprod");

        publish(rabbit, approved(release, "shop", "prod", 2, "1.8.0", "1.9.0", "ship it"));
        Call answered = await().until(
                        () -> approvalCalls(release).getLast(),
                        call -> call.blocks().contains("Approved by *bob*"));
        assertThat(answered.method()).isEqualTo("chat.update");
        assertThat(answered.form())
                .containsEntry("channel", "#release-managers")
                .containsEntry("ts", tsOf(request));
        assertThat(answered.blocks()).contains("ship it").doesNotContain("/stagecraft approve");

        publish(rabbit, queued(release, "shop", "prod", 3, "1.8.0", "1.9.0"));
        publish(rabbit, started(release, "shop", "prod", 4));
        publish(rabbit, step(release, "shop", "prod", 5, "start", StepStatus.RUNNING, 40));
        publish(rabbit, succeeded(release, "shop", "prod", 6, "1.9.0", 9_000));
        Call done = await().until(
                        () -> deploymentCalls(release).getLast(),
                        call -> call.blocks().contains("Succeeded"));
        assertThat(done.form()).containsEntry("ts", tsOf(progress));
        assertThat(done.blocks()).contains("`1.8.0` → `1.9.0`", "*Stage*\\nprod", "9s", "Approved by*\\nbob");
        assertThat(approvalCalls(release))
                .as("the request is answered; progress is the deployment message's")
                .hasSize(2);

        // a stage from the pipeline without approval events; an ad-hoc environment has none
        DeploymentId qa = DeploymentId.random();
        DeploymentId review = DeploymentId.random();
        publish(rabbit, queued(qa, "shop", "qa", 1, "1.8.0", "1.9.0"));
        publish(rabbit, queued(review, "shop", "review-7", 1, "1.8.0", "1.9.0"));
        assertThat(await().until(() -> slack.callsFor(qa), c -> !c.isEmpty())
                        .getFirst()
                        .blocks())
                .contains("*Stage*\\nqa");
        assertThat(await().until(() -> slack.callsFor(review), c -> !c.isEmpty())
                        .getFirst()
                        .blocks())
                .doesNotContain("*Stage*");
    }

    @Test
    void rejectedAndCancelledRequestsSaySoInTheDefaultApprovalChannel() {
        DeploymentId refused = DeploymentId.random();
        DeploymentId withdrawn = DeploymentId.random();
        publish(rabbit, awaitingApproval(refused, "orders", "prod", 1, "2.0.0", "2.1.0"));
        publish(rabbit, awaitingApproval(withdrawn, "orders", "prod", 2, "2.0.0", "2.2.0"));
        Call request =
                await().until(() -> approvalCalls(refused), c -> !c.isEmpty()).getFirst();
        assertThat(request.form()).containsEntry("channel", "#approvals");
        assertThat(only(await().until(() -> slack.callsFor(refused), c -> c.size() == 2), DEPLOYMENT)
                        .form())
                .containsEntry("channel", "#deployments");

        publish(rabbit, rejected(refused, "orders", "prod", 3, "2.0.0", "2.1.0", "not on a Friday"));
        publish(rabbit, cancelled(withdrawn, "orders", "prod", 4, "2.2.0"));
        Call no = await().until(
                        () -> approvalCalls(refused).getLast(), c -> c.method().equals("chat.update"));
        assertThat(no.form()).containsEntry("ts", tsOf(request));
        assertThat(no.blocks()).contains(":no_entry: *Rejected*", "Rejected by *bob*: “not on a Friday”");
        Call gone = await().until(
                        () -> approvalCalls(withdrawn).getLast(),
                        c -> c.method().equals("chat.update"));
        assertThat(gone.blocks()).contains("Approval no longer needed", "was cancelled before anyone answered");
    }

    private static final Predicate<Call> APPROVAL =
            call -> call.form().getOrDefault("text", "").startsWith("Appro")
                    || call.form().getOrDefault("text", "").startsWith("Rejected");
    private static final Predicate<Call> DEPLOYMENT = APPROVAL.negate();

    private static List<Call> approvalCalls(DeploymentId id) {
        return slack.callsFor(id).stream().filter(APPROVAL).toList();
    }

    private static List<Call> deploymentCalls(DeploymentId id) {
        return slack.callsFor(id).stream().filter(DEPLOYMENT).toList();
    }

    private static Call only(List<Call> calls, Predicate<Call> kind) {
        List<Call> matching = calls.stream().filter(kind).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static String tsOf(Call post) {
        return post.answer().replaceFirst(".*\"ts\":\"([0-9.]+)\".*", "$1");
    }
}
