package dev.stagecraft.query.diff;

import dev.stagecraft.query.diff.git.CommitRange;
import dev.stagecraft.query.diff.git.GitMirrors;
import dev.stagecraft.query.diff.git.GitProblem;
import dev.stagecraft.query.diff.git.Repositories;
import dev.stagecraft.query.diff.git.Revision;
import dev.stagecraft.query.web.NotFoundException;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds the diff of two environments from the read model and the application's repository. */
@Component
public class EnvironmentDiffs {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentDiffs.class);

    private final DiffSources sources;
    private final GitMirrors git;

    EnvironmentDiffs(DiffSources sources, GitMirrors git) {
        this.sources = sources;
        this.git = git;
    }

    /** The diff of {@code from} and {@code to}; {@link NotFoundException} if the application or one is unknown. */
    public EnvironmentDiff diff(String app, String fromName, String toName) {
        DiffSources.Read read = sources.read(app, fromName, toName);
        DiffSources.Application registered = read.registered();
        DiffSources.Application application = registered != null
                ? registered
                : read.environments().isEmpty()
                        ? sources.application(app).orElseThrow(() -> NotFoundException.application(app))
                        : new DiffSources.Application(false, null, List.of());
        EnvironmentState from = read.environments().get(fromName);
        if (from == null) {
            throw NotFoundException.environment(app, fromName);
        }
        EnvironmentState to = read.environments().get(toName);
        if (to == null) {
            throw NotFoundException.environment(app, toName);
        }

        OverrideChanges overrides = OverrideChanges.between(from.overrides(), to.overrides());
        SortedMap<String, String> secrets = SecretComparison.between(
                from.secretKeys(), from.secretFingerprints(), to.secretKeys(), to.secretFingerprints());
        CatchUpCommand command =
                CatchUpCommand.of(app, from, to, follows(application, fromName, toName), overrides, secrets);
        Commits commits = commits(app, application, from, to);
        return new EnvironmentDiff(
                app,
                side(from, commits.range() == null ? null : commits.range().fromCommit(), fromRef(commits)),
                side(to, commits.range() == null ? null : commits.range().toCommit(), toRef(commits)),
                inSync(from, to, overrides, secrets),
                overrides,
                secrets,
                application.repository() == null ? null : Repositories.display(application.repository()),
                commits.range() == null ? List.of() : commits.range().ahead(),
                commits.range() == null ? List.of() : commits.range().behind(),
                commits.range() != null && commits.range().truncated(),
                commits.error(),
                command);
    }

    /**
     * True if {@code to} is a stage that comes after the stage {@code from} in the pipeline: only then is a promotion
     * the way to bring {@code from}'s version there (backwards, or from an ad-hoc environment, it would be refused).
     */
    static boolean follows(DiffSources.Application application, String fromName, String toName) {
        List<String> stages = application.pipeline().stream()
                .map(stage -> stage.environment())
                .toList();
        int from = stages.indexOf(fromName);
        return from >= 0 && stages.indexOf(toName) > from;
    }

    /** The commit range, or the sentence saying why there is none. */
    private record Commits(
            @Nullable CommitRange range, @Nullable String error) {}

    private Commits commits(
            String app, DiffSources.Application application, EnvironmentState from, EnvironmentState to) {
        String repository = application.repository();
        if (repository == null || repository.isBlank()) {
            return new Commits(
                    null,
                    application.registered()
                            ? "application " + app + " was registered without a repository; register it again with one"
                                    + " to see the commits between its environments"
                            : "application " + app + " is not registered (yet), so its repository is unknown");
        }
        try {
            return new Commits(git.between(app, repository, revision(from), revision(to)), null);
        } catch (GitProblem e) {
            log.warn(
                    "no commits for the diff of {}/{} and {}/{}: {}", app, from.name(), app, to.name(), e.getMessage());
            return new Commits(null, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("git failed for the diff of {}/{} and {}/{}", app, from.name(), app, to.name(), e);
            return new Commits(
                    null,
                    "reading repository " + Repositories.display(repository) + " failed: "
                            + Repositories.display(String.valueOf(e.getMessage())) + "; see query-service's log");
        }
    }

    private static Revision revision(EnvironmentState state) {
        return new Revision(state.name(), state.desiredCommit(), state.comparedVersion());
    }

    private static @Nullable String fromRef(Commits commits) {
        return commits.range() == null ? null : commits.range().fromRef();
    }

    private static @Nullable String toRef(Commits commits) {
        return commits.range() == null ? null : commits.range().toRef();
    }

    private static DiffSide side(EnvironmentState state, @Nullable String resolved, @Nullable String ref) {
        return new DiffSide(
                state.name(),
                state.stage(),
                state.desiredVersion(),
                state.version(),
                state.desiredCommit() != null && resolved == null ? state.desiredCommit() : resolved,
                ref,
                state.status());
    }

    private static boolean inSync(
            EnvironmentState from, EnvironmentState to, OverrideChanges overrides, SortedMap<String, String> secrets) {
        return Objects.equals(from.comparedVersion(), to.comparedVersion())
                && Objects.equals(from.desiredCommit(), to.desiredCommit())
                && overrides.isEmpty()
                && secrets.values().stream().allMatch(SecretComparison.State.UNCHANGED.label()::equals);
    }
}
