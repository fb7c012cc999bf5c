package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.Problem;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the REST commands (DESIGN.md §6), and how each becomes its command record. Never log
 * them: {@code secretOverrides} and {@code secretDefaults} hold plaintext.
 */
final class Requests {

    static final String DEFAULT_DRIVER = "local";

    private Requests() {}

    record RegisterApplicationRequest(
            @Nullable String name,
            @Nullable String repository,
            @Nullable String driver,
            @Nullable Map<String, String> driverSettings,
            @Nullable Map<String, String> defaults,
            @Nullable List<StageRequest> pipeline,
            @Nullable Map<String, String> secretDefaults) {

        RegisterApplication toCommand(CommandId id, String actor) {
            List<Stage> stages = pipeline == null
                    ? List.of()
                    : pipeline.stream().map(StageRequest::toStage).toList();
            return new RegisterApplication(
                    id,
                    actor,
                    name,
                    repository,
                    Objects.requireNonNullElse(driver, DEFAULT_DRIVER),
                    driverSettings,
                    defaults,
                    stages,
                    secretDefaults);
        }
    }

    record StageRequest(
            @Nullable String environment,
            @Nullable Boolean requiresApproval,
            @Nullable Boolean autoPromote,
            @Nullable String branch) {

        Stage toStage() {
            return new Stage(
                    environment, Boolean.TRUE.equals(requiresApproval), Boolean.TRUE.equals(autoPromote), branch);
        }
    }

    record CreateEnvironmentRequest(
            @Nullable String name,
            @Nullable String version,
            @Nullable String commit,
            @Nullable Map<String, String> overrides,
            @Nullable Map<String, String> secretOverrides,
            @Nullable String ttl,
            @Nullable List<String> tags,
            @Nullable String description) {

        CreateEnvironment toCommand(CommandId id, String actor, String app, List<Problem> problems) {
            return new CreateEnvironment(
                    id,
                    actor,
                    app,
                    name,
                    version,
                    commit,
                    overrides,
                    secretOverrides,
                    duration(ttl, problems),
                    tags,
                    description);
        }
    }

    record UpdateEnvironmentRequest(
            @Nullable String version,
            @Nullable String commit,
            @Nullable Map<String, String> overrides,
            @Nullable Map<String, String> secretOverrides,
            @Nullable String ttl,
            @Nullable List<String> tags,
            @Nullable String description) {

        UpdateEnvironment toCommand(
                CommandId id, String actor, String app, String environment, List<Problem> problems) {
            return new UpdateEnvironment(
                    id,
                    actor,
                    app,
                    environment,
                    version,
                    commit,
                    overrides,
                    secretOverrides,
                    duration(ttl, problems),
                    tags,
                    description);
        }
    }

    /** The ttl as a duration; an unreadable one adds a problem and counts as absent. */
    static @Nullable Duration duration(@Nullable String ttl, List<Problem> problems) {
        if (ttl == null) {
            return null;
        }
        try {
            return Duration.parse(ttl);
        } catch (DateTimeParseException e) {
            problems.add(
                    new Problem("ttl", "must be an ISO-8601 duration such as PT72H, PT30M or P2D (got '" + ttl + "')"));
            return null;
        }
    }
}
