package dev.stagecraft.query.diff.git;

/** Git could not answer; the message is a sentence for the diff's {@code commitsError}. */
public class GitProblem extends Exception {

    public GitProblem(String message) {
        super(message);
    }

    public GitProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
