package dev.stagecraft.contracts;

/** The status of a deployment (DESIGN.md §4). */
public enum DeploymentStatus {
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    SUPERSEDED;

    public boolean isFinal() {
        return switch (this) {
            case REJECTED, SUCCEEDED, FAILED, CANCELLED, SUPERSEDED -> true;
            default -> false;
        };
    }
}
