package dev.stagecraft.command.environment;

import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.RESTORE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.contracts.EnvironmentLifecycle;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An environment as command-service has decided it: its desired spec (revision {@code revision}) and the
 * status it believes the environment has. Each accepted command moves the status at once; the worker's
 * {@code environment.status-changed} events correct it. Commands queue behind a pending deployment, so a
 * command is judged by what the environment will be once the pending deployment succeeds
 * ({@link EnvironmentLifecycle#outcomeOf}), by the one table of {@link EnvironmentLifecycle}.
 *
 * @param jobSequence the number of the last job published for this environment
 */
record Environment(
        String app,
        String name,
        int revision,
        EnvironmentSpec spec,
        EnvironmentStatus status,
        @Nullable String statusReason,
        long jobSequence) {

    /** A new environment, or one recreated after it was cleaned up, that is about to be deployed. */
    static Environment created(String app, String name, EnvironmentSpec spec, Optional<Environment> earlier) {
        earlier.ifPresent(Environment::refuseCreateUnlessCleaned);
        int revision = earlier.map(Environment::revision).orElse(0) + 1;
        long jobs = earlier.map(Environment::jobSequence).orElse(0L);
        return new Environment(app, name, revision, spec, CREATE_PENDING, null, jobs + 1);
    }

    /** This environment with a new desired spec, about to be deployed. */
    Environment updated(EnvironmentSpec newSpec) {
        refuseUnlessAllowed(UPDATE_PENDING, "updated");
        return new Environment(app, name, revision + 1, newSpec, UPDATE_PENDING, null, jobSequence + 1);
    }

    /** This environment about to be archived: its workload stops, its data stays. */
    Environment archiving() {
        return moveTo(ARCHIVE_PENDING, "archived");
    }

    /** This archived environment about to run again with its last spec. */
    Environment restoring() {
        return moveTo(RESTORE_PENDING, "restored");
    }

    /** This archived environment about to lose everything it owns. */
    Environment cleaningUp() {
        return moveTo(CLEANUP_PENDING, "cleaned up");
    }

    String path() {
        return app + "/" + name;
    }

    private Environment moveTo(EnvironmentStatus pending, String done) {
        refuseUnlessAllowed(pending, done);
        return new Environment(app, name, revision, spec, pending, null, jobSequence + 1);
    }

    private void refuseUnlessAllowed(EnvironmentStatus pending, String done) {
        if (!EnvironmentLifecycle.allows(EnvironmentLifecycle.outcomeOf(status), pending)) {
            throw CommandRefusedException.conflict("environment " + path() + " is " + describedStatus()
                    + ", so it cannot be " + done + "; " + EnvironmentLifecycle.whatCanBeDone(status) + hint());
        }
    }

    private String describedStatus() {
        EnvironmentStatus outcome = EnvironmentLifecycle.outcomeOf(status);
        return outcome == status ? status.name() : status.name() + " (it will be " + outcome + ")";
    }

    private String hint() {
        String base = "/api/v1/applications/" + app + "/environments/" + name;
        return switch (EnvironmentLifecycle.outcomeOf(status)) {
            case ARCHIVED -> " (POST " + base + "/restore or DELETE " + base + ")";
            case CLEANUP_FAILED -> " (DELETE " + base + ")";
            case CLEANED -> " (POST /api/v1/applications/" + app + "/environments)";
            case RUNNING, FAILURE -> " (PATCH " + base + " or POST " + base + "/archive)";
            default -> "";
        };
    }

    private void refuseCreateUnlessCleaned() {
        if (status != CLEANED) {
            throw CommandRefusedException.conflict("environment " + path()
                    + " already exists; update it with PATCH /api/v1/applications/" + app + "/environments/" + name);
        }
    }
}
