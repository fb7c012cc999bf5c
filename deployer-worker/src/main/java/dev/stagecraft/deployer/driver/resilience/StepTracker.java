package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.StepReporter;
import org.jspecify.annotations.Nullable;

/**
 * The step reports of one guarded operation, passed on to the worker's reporter: remembers the step under way,
 * so that a wait for the target is reported on it, and shows the waiting message once per wait. Each attempt
 * reports through a {@link Fence}: the reports of an attempt the worker gave up on (it outlived its time
 * limit) are dropped, so they cannot interleave with what the worker reports next. All reports pass one lock.
 */
final class StepTracker implements StepReporter {

    private final StepReporter steps;
    private final String firstStep;
    private @Nullable String current;
    private boolean showsWaiting;

    StepTracker(StepReporter steps, String firstStep) {
        this.steps = steps;
        this.firstStep = firstStep;
    }

    @Override
    public synchronized void running(String step, String message) {
        current = step;
        showsWaiting = false;
        steps.running(step, message);
    }

    @Override
    public synchronized void done(String step, String message) {
        finished(step);
        steps.done(step, message);
    }

    @Override
    public synchronized void skipped(String step, String message) {
        finished(step);
        steps.skipped(step, message);
    }

    @Override
    public synchronized void log(String step, String line) {
        steps.log(step, line);
    }

    /** The step under way, or the operation's first step when none is. */
    synchronized String step() {
        return current != null ? current : firstStep;
    }

    /** Reports the step under way as RUNNING with {@code message}, unless it already shows that wait. */
    synchronized void waiting(String message) {
        if (showsWaiting) {
            return;
        }
        running(step(), message);
        showsWaiting = true;
    }

    /** A reporter for one attempt, that can be cut off. */
    Fence fence() {
        return new Fence();
    }

    private void finished(String step) {
        if (step.equals(current)) {
            current = null;
        }
        showsWaiting = false;
    }

    /** Passes reports on until it is closed; closing waits for a report under way. */
    final class Fence implements StepReporter {

        private boolean open = true;

        @Override
        public void running(String step, String message) {
            synchronized (StepTracker.this) {
                if (open) {
                    StepTracker.this.running(step, message);
                }
            }
        }

        @Override
        public void done(String step, String message) {
            synchronized (StepTracker.this) {
                if (open) {
                    StepTracker.this.done(step, message);
                }
            }
        }

        @Override
        public void skipped(String step, String message) {
            synchronized (StepTracker.this) {
                if (open) {
                    StepTracker.this.skipped(step, message);
                }
            }
        }

        @Override
        public void log(String step, String line) {
            synchronized (StepTracker.this) {
                if (open) {
                    StepTracker.this.log(step, line);
                }
            }
        }

        void close() {
            synchronized (StepTracker.this) {
                open = false;
            }
        }
    }
}
