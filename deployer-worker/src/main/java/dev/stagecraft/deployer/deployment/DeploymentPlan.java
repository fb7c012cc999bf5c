package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The named steps a deployment runs (o5's plan): for a deploy, an optional pre-deploy hook (a database
 * migration, say), the driver's steps ({@link Steps#plan}), an optional HTTP verification of the environment
 * and an optional post-deploy hook; other operations run the driver's steps only. What is optional comes
 * from the application's {@code driverSettings} (the job's {@code planOptions} win): {@code preDeployHook},
 * {@code postDeployHook}, {@code hookTimeout} (default 10m), {@code verifyUrl} (absolute) or
 * {@code verifyPath} (on the environment's first link), and {@code verifyTimeout} (default 60s).
 */
record DeploymentPlan(
        Operation operation,
        @Nullable Hook preDeploy,
        @Nullable Verification verify,
        @Nullable Hook postDeploy) {

    static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(60);

    /** An HTTP check: {@code url} is absolute, or {@code path} is appended to the environment's first link. */
    record Verification(@Nullable String url, @Nullable String path, Duration timeout) {}

    static DeploymentPlan of(DeploymentJob job) {
        if (job.operation() != Operation.DEPLOY) {
            return new DeploymentPlan(job.operation(), null, null, null);
        }
        Duration hookTimeout = duration(job, "hookTimeout", DEFAULT_HOOK_TIMEOUT);
        String verifyUrl = option(job, "verifyUrl");
        String verifyPath = option(job, "verifyPath");
        Verification verification = verifyUrl == null && verifyPath == null
                ? null
                : new Verification(verifyUrl, verifyPath, duration(job, "verifyTimeout", DEFAULT_VERIFY_TIMEOUT));
        return new DeploymentPlan(
                job.operation(),
                hook(job, "preDeployHook", Steps.PRE_DEPLOY, hookTimeout),
                verification,
                hook(job, "postDeployHook", Steps.POST_DEPLOY, hookTimeout));
    }

    /** The step names, in order. */
    List<String> steps() {
        List<String> steps = new ArrayList<>();
        Optional.ofNullable(preDeploy).ifPresent(hook -> steps.add(hook.step()));
        steps.addAll(Steps.plan(operation));
        Optional.ofNullable(verify).ifPresent(check -> steps.add(Steps.VERIFY));
        Optional.ofNullable(postDeploy).ifPresent(hook -> steps.add(hook.step()));
        return List.copyOf(steps);
    }

    private static @Nullable Hook hook(DeploymentJob job, String option, String step, Duration timeout) {
        String command = option(job, option);
        return command == null ? null : new Hook(step, command, timeout);
    }

    private static Duration duration(DeploymentJob job, String option, Duration fallback) {
        String value = option(job, option);
        if (value == null) {
            return fallback;
        }
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    option + " '" + value + "' is not a duration; write e.g. 90s, 5m or PT5M", e);
        }
    }

    private static @Nullable String option(DeploymentJob job, String name) {
        String value = job.planOptions().getOrDefault(name, job.driverSettings().get(name));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
