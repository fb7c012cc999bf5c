package dev.stagecraft.contracts;

/** The status of one step of a deployment plan. */
public enum StepStatus {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    SKIPPED
}
