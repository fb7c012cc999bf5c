package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.command.Stage;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** An application's ordered stages, and the answers promotion needs from their order. Pure. */
record Pipeline(String app, List<Stage> stages) {

    Pipeline {
        stages = List.copyOf(stages);
    }

    /** The pipeline, or refused if the application has none: there is nothing to promote through. */
    static Pipeline of(String app, List<Stage> stages) {
        if (stages.isEmpty()) {
            throw CommandRefusedException.conflict("application " + app + " has no pipeline, so nothing can be"
                    + " promoted; register it again with its stages (POST /api/v1/applications with \"pipeline\")");
        }
        return new Pipeline(app, stages);
    }

    /** The stage bound to {@code environment}, or refused as invalid naming the stages there are. */
    Stage stage(String environment) {
        return find(environment).orElseThrow(() -> {
            String reason = "'" + environment + "' is not a stage of " + app + "'s pipeline; its stages are " + names();
            return new CommandRefusedException(
                    RejectionCode.INVALID, "promote is invalid: to " + reason, List.of(new Problem("to", reason)));
        });
    }

    Optional<Stage> find(String environment) {
        return stages.stream()
                .filter(stage -> stage.environment().equals(environment))
                .findFirst();
    }

    Optional<Stage> before(Stage stage) {
        int index = stages.indexOf(stage);
        return index > 0 ? Optional.of(stages.get(index - 1)) : Optional.empty();
    }

    Optional<Stage> after(Stage stage) {
        int index = stages.indexOf(stage);
        return index >= 0 && index + 1 < stages.size() ? Optional.of(stages.get(index + 1)) : Optional.empty();
    }

    Stage first() {
        return stages.getFirst();
    }

    /**
     * The stage after the latest stage (in pipeline order) where {@code version} runs successfully. Refused
     * when it runs nowhere (saying where to deploy it first) or already runs in the last stage.
     */
    Stage next(String version, Predicate<Stage> runsIn) {
        for (int index = stages.size() - 1; index >= 0; index--) {
            Stage stage = stages.get(index);
            if (runsIn.test(stage)) {
                return after(stage)
                        .orElseThrow(() -> CommandRefusedException.conflict(app + " " + version + " already runs in "
                                + stage.environment() + ", the last stage of the pipeline; there is nothing to"
                                + " promote it to"));
            }
        }
        throw CommandRefusedException.conflict(app + " " + version + " does not run successfully in any stage of the"
                + " pipeline (" + names() + "), so there is no next stage; deploy it to " + first().environment()
                + " first (promote with \"to\":\"" + first().environment() + "\")");
    }

    String names() {
        return stages.stream().map(Stage::environment).collect(Collectors.joining(", "));
    }
}
