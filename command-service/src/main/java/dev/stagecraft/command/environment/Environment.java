package dev.stagecraft.command.environment;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An environment as command-service has decided it: its desired spec (revision {@code revision}) and
 * the status it believes the environment has. Each accepted command moves the status at once; the
 * worker's {@code environment.status-changed} events correct it.
 */
record Environment(
        String app,
        String name,
        int revision,
        EnvironmentSpec spec,
        EnvironmentStatus status,
        @Nullable String statusReason) {

    /** A new environment, or one recreated after it was cleaned up, that is about to be deployed. */
    static Environment created(String app, String name, EnvironmentSpec spec, Optional<Environment> earlier) {
        earlier.ifPresent(Environment::refuseCreateUnlessCleaned);
        int revision = earlier.map(Environment::revision).orElse(0) + 1;
        return new Environment(app, name, revision, spec, EnvironmentStatus.CREATE_PENDING, null);
    }

    /** This environment with a new desired spec, about to be deployed. */
    Environment updated(EnvironmentSpec newSpec) {
        if (status == EnvironmentStatus.CLEANED) {
            throw CommandRefusedException.conflict("environment " + path() + " is CLEANED; it no longer exists,"
                    + " so create it again with POST /api/v1/applications/" + app + "/environments");
        }
        return new Environment(app, name, revision + 1, newSpec, EnvironmentStatus.UPDATE_PENDING, null);
    }

    String path() {
        return app + "/" + name;
    }

    private void refuseCreateUnlessCleaned() {
        if (status != EnvironmentStatus.CLEANED) {
            throw CommandRefusedException.conflict("environment " + path() + " already exists; update it with PATCH"
                    + " /api/v1/applications/" + app + "/environments/" + name);
        }
    }
}
