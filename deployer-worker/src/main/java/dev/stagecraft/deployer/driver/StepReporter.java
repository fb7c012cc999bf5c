package dev.stagecraft.deployer.driver;

/**
 * How a driver reports the progress of the plan's steps ({@link Steps}). Each call is recorded and announced
 * at once; a step the driver never reports ends as SKIPPED. A failure is reported by throwing
 * {@link DriverException} naming the step.
 */
public interface StepReporter {

    void running(String step, String message);

    void done(String step, String message);

    void skipped(String step, String message);

    /** A line of output (process output, probe results) kept in the step's log. */
    void log(String step, String line);

    /** Discards everything; for callers that do not record steps. */
    static StepReporter silent() {
        return new StepReporter() {
            @Override
            public void running(String step, String message) {}

            @Override
            public void done(String step, String message) {}

            @Override
            public void skipped(String step, String message) {}

            @Override
            public void log(String step, String line) {}
        };
    }
}
