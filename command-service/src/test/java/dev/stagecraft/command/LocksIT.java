package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.EnvironmentLockChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Environment locks through REST and AMQP: while an environment is locked, every command that deploys to or
 * changes it is refused (423, {@code command.rejected} code {@code locked}) for anyone but the holder, with a
 * sentence naming who locked it, since when, why and how to get it released; only the holder unlocks, unless
 * {@code force}; every change is announced by {@code environment.lock-changed}.
 */
class LocksIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("locks");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Test
    void whileLockedOnlyTheHolderMayDeployOverRestAndAmqp() {
        String app = registered();
        String qa = "/api/v1/applications/" + app + "/environments/qa";
        assertThat(post("/api/v1/applications/" + app + "/environments", """
                        {"name":"qa","version":"1.0.0"}""", actor("ci"))
                        .status())
                .isEqualTo(202);

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Answer locked = put(qa + "/lock", """
                {"reason":"release freeze"}""", actor("alice"));
        assertThat(locked.status()).isEqualTo(202);
        EnvironmentLockChanged announced = awaitLockChange(app, "qa", 1);
        assertThat(announced.locked()).isTrue();
        assertThat(announced.holder()).isEqualTo("alice");
        assertThat(announced.reason()).isEqualTo("release freeze");
        assertThat(announced.actor()).isEqualTo("alice");
        assertThat(announced.lockedAt()).isAfterOrEqualTo(before);
        assertThat(announced.commandId().toString())
                .isEqualTo(locked.json().get("commandId").stringValue());

        Answer refused = patch(qa, """
                {"version":"1.1.0"}""", actor("bob"));
        assertThat(refused.status()).isEqualTo(423);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").stringValue()).isEqualTo("locked");
        assertThat(refused.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/qa is locked by alice since "
                        + announced.lockedAt().truncatedTo(ChronoUnit.SECONDS) + " (release freeze), so it cannot be"
                        + " deployed to by anyone else; ask alice to unlock it (DELETE " + qa + "/lock), or an admin"
                        + " to break the lock (DELETE " + qa + "/lock?force=true)");
        assertThat(post(qa + "/archive", null, actor("bob"))
                        .json()
                        .get("detail")
                        .stringValue())
                .startsWith("environment " + app + "/qa is locked by alice since ")
                .contains("so it cannot be archived by anyone else");

        String overAmqp = UUID.randomUUID().toString();
        publishBare("environment.update", """
                {"commandId":"%s","actor":"bob","app":"%s","environment":"qa","version":"1.2.0"}""".formatted(overAmqp, app));
        CommandRejected rejected = awaitRejection(overAmqp);
        assertThat(rejected.code()).isEqualTo("locked");
        assertThat(rejected.message()).contains("is locked by alice since ").contains("(release freeze)");

        assertThat(patch(qa, """
                        {"version":"1.3.0"}""", actor("alice")).status()).isEqualTo(202);
        await().until(() -> jobsFor(app).size() == 2);
        assertThat(jobsFor(app)).extracting(DeploymentJob::version).containsExactly("1.0.0", "1.3.0");
        assertThat(jobsFor(app).get(1).actor()).isEqualTo("alice");
    }

    @Test
    void onlyTheHolderUnlocksUnlessForcedAndTheHolderMayChangeTheReason() {
        String app = registered();
        String qa = "/api/v1/applications/" + app + "/environments/qa";
        post("/api/v1/applications/" + app + "/environments", """
                {"name":"qa","version":"1.0.0"}""");
        assertThat(put(qa + "/lock", """
                        {"reason":"release freeze"}""", actor("alice")).status()).isEqualTo(202);
        Instant lockedAt = awaitLockChange(app, "qa", 1).lockedAt();

        Answer taken = put(qa + "/lock", """
                {"reason":"mine now"}""", actor("bob"));
        assertThat(taken.status()).isEqualTo(423);
        assertThat(taken.json().get("detail").stringValue()).contains("so it cannot be locked again by anyone else");
        assertThat(put(qa + "/lock", """
                        {"reason":"release freeze until Monday"}""", actor("alice")).status()).isEqualTo(202);
        EnvironmentLockChanged reasonChanged = awaitLockChange(app, "qa", 2);
        assertThat(reasonChanged.reason()).isEqualTo("release freeze until Monday");
        assertThat(reasonChanged.lockedAt()).isEqualTo(lockedAt);

        Answer notTheHolder = delete(qa + "/lock", actor("bob"));
        assertThat(notTheHolder.status()).isEqualTo(423);
        assertThat(notTheHolder.json().get("detail").stringValue())
                .contains("is locked by alice since ")
                .contains("so it cannot be unlocked by anyone else");

        assertThat(delete(qa + "/lock?force=true", actor("bob")).status()).isEqualTo(202);
        EnvironmentLockChanged broken = awaitLockChange(app, "qa", 3);
        assertThat(broken.locked()).isFalse();
        assertThat(broken.actor()).isEqualTo("bob");
        assertThat(broken.holder()).isNull();
        assertThat(broken.lockedAt()).isNull();
        assertThat(patch(qa, """
                        {"version":"2.0.0"}""", actor("bob")).status()).isEqualTo(202);

        Answer nothingToUnlock = delete(qa + "/lock", actor("alice"));
        assertThat(nothingToUnlock.status()).isEqualTo(409);
        assertThat(nothingToUnlock.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/qa is not locked, so there is nothing to unlock");
        assertThat(events.of(EnvironmentLockChanged.class))
                .extracting(EnvironmentLockChanged::sequence)
                .doesNotHaveDuplicates();
    }

    @Test
    void aStageMayBeLockedBeforeItExistsAndItsCreationIsThenTheHoldersOnly() {
        String app = registered();
        String base = "/api/v1/applications/" + app + "/environments";
        assertThat(put(base + "/development/lock", """
                        {"reason":"setting up"}""", actor("alice")).status())
                .isEqualTo(202);
        Answer created = post(base, """
                {"name":"development","version":"1"}""", actor("bob"));
        assertThat(created.status()).isEqualTo(423);
        assertThat(created.json().get("detail").stringValue()).contains("so it cannot be deployed to by anyone else");
        assertThat(post(base, """
                        {"name":"development","version":"1"}""", actor("alice")).status()).isEqualTo(202);

        Answer unknown = put(base + "/review-7/lock", """
                {"reason":"x"}""", actor("alice"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/review-7 does not exist and is not a stage of the pipeline of "
                        + app + ", so it cannot be locked; lock a stage or an existing environment");
        Answer noReason = put(base + "/qa/lock", "{}", actor("alice"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("detail").stringValue()).contains("reason");
    }

    @Test
    void lockAndUnlockAreServedOverAmqp() {
        String app = registered();
        String lock = UUID.randomUUID().toString();
        publishBare("environment.lock", """
                {"commandId":"%s","actor":"carol","app":"%s","environment":"qa","reason":"load test"}""".formatted(lock, app));
        EnvironmentLockChanged locked = awaitLockChange(app, "qa", 1);
        assertThat(locked.holder()).isEqualTo("carol");
        assertThat(locked.commandId().toString()).isEqualTo(lock);

        String unlock = UUID.randomUUID().toString();
        publishBare("environment.unlock", """
                {"commandId":"%s","actor":"dave","app":"%s","environment":"qa","force":false}""".formatted(unlock, app));
        assertThat(awaitRejection(unlock).code()).isEqualTo("locked");
        publishBare("environment.unlock", """
                {"commandId":"%s","actor":"carol","app":"%s","environment":"qa","force":false}""".formatted(UUID.randomUUID(), app));
        assertThat(awaitLockChange(app, "qa", 2).locked()).isFalse();
    }

    private String registered() {
        String app = uniqueName("shop");
        Answer registered = post("/api/v1/applications", """
                {"name":"%s","driver":"noop","pipeline":[{"environment":"development"},{"environment":"qa"}]}""".formatted(app));
        assertThat(registered.status()).isEqualTo(202);
        return app;
    }

    private EnvironmentLockChanged awaitLockChange(String app, String environment, int count) {
        await().until(() -> lockChanges(app, environment).size() >= count);
        return lockChanges(app, environment).get(count - 1);
    }

    private List<EnvironmentLockChanged> lockChanges(String app, String environment) {
        return events.of(EnvironmentLockChanged.class).stream()
                .filter(e -> app.equals(e.app()) && environment.equals(e.environment()))
                .toList();
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }
}
