package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.deployer.driver.StepReporter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepReporter} of one deployment: records every report through the {@link StepLedger} and
 * computes the progress (share of the plan's steps finished) that {@code deployment.step-changed} carries.
 */
class StepJournal implements StepReporter {

    private final StepLedger ledger;
    private final Deployment deployment;
    private final List<String> plan;
    private final List<String> finished = new ArrayList<>();
    private @Nullable String current;

    StepJournal(StepLedger ledger, Deployment deployment) {
        this.ledger = ledger;
        this.deployment = deployment;
        this.plan = DeploymentPlan.of(deployment.job()).steps();
    }

    @Override
    public void running(String step, String message) {
        current = step;
        ledger.changed(deployment, step, StepStatus.RUNNING, message, progress());
    }

    @Override
    public void done(String step, String message) {
        finish(step, StepStatus.DONE, message);
    }

    @Override
    public void skipped(String step, String message) {
        finish(step, StepStatus.SKIPPED, message);
    }

    @Override
    public void log(String step, String line) {
        ledger.log(deployment, step, line);
    }

    /** Marks {@code step} FAILED. */
    void failed(String step, String message) {
        finish(step, StepStatus.FAILED, message);
    }

    /** The step that was RUNNING when something went wrong, if any. */
    @Nullable
    String current() {
        return current;
    }

    /** Ends every step of the plan that was never reported as SKIPPED. */
    void skipRest(String message) {
        for (String step : plan) {
            if (!finished.contains(step)) {
                finish(step, StepStatus.SKIPPED, message);
            }
        }
    }

    private void finish(String step, StepStatus status, String message) {
        if (step.equals(current)) {
            current = null;
        }
        if (!finished.contains(step)) {
            finished.add(step);
        }
        ledger.changed(deployment, step, status, message, progress());
    }

    private int progress() {
        long done = plan.stream().filter(finished::contains).count();
        return plan.isEmpty() ? 100 : (int) (done * 100 / plan.size());
    }
}
