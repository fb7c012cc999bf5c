package dev.stagecraft.contracts;

/** What a deployment does to its environment. */
public enum Operation {
    DEPLOY,
    ARCHIVE,
    RESTORE,
    CLEANUP;

    /** The routing key of the job that carries this operation, e.g. {@code job.deploy}. */
    public String routingKey() {
        return "job." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
