package dev.stagecraft.contracts;

/** The status of an environment (DESIGN.md §4, Octopod's status machine). */
public enum EnvironmentStatus {
    CREATE_PENDING,
    RUNNING,
    UPDATE_PENDING,
    FAILURE,
    ARCHIVE_PENDING,
    ARCHIVED,
    RESTORE_PENDING,
    CLEANUP_PENDING,
    CLEANED,
    CLEANUP_FAILED;

    public boolean isPending() {
        return name().endsWith("_PENDING");
    }
}
