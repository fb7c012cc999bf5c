package dev.stagecraft.contracts;

/** Why an environment is in {@link EnvironmentStatus#FAILURE}. */
public enum FailureReason {
    GENERIC,
    PARTIAL_AVAILABILITY,
    VERSION_MISMATCH
}
