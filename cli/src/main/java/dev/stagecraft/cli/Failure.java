package dev.stagecraft.cli;

/** A failure to tell the user in one sentence, with the exit code it ends the command with. */
final class Failure extends RuntimeException {

    final int exitCode;

    Failure(int exitCode, String sentence) {
        super(sentence, null, false, false);
        this.exitCode = exitCode;
    }

    static Failure usage(String sentence) {
        return new Failure(ExitCode.USAGE, sentence);
    }
}
