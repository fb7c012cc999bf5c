package dev.stagecraft.command.intake;

/** The answer to a command: it was accepted (and is carried out asynchronously) or rejected. */
public enum CommandStatus {
    ACCEPTED,
    REJECTED
}
