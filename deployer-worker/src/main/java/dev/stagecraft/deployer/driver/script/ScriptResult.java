package dev.stagecraft.deployer.driver.script;

import java.util.List;

/**
 * How a call of a control script ended.
 *
 * @param exitCode the exit code; meaningless when {@code timedOut}
 * @param stdout the lines it printed to stdout (the first {@code output-lines}, secret values masked)
 * @param tail its last lines of stdout and stderr together, secret values masked, for messages
 */
record ScriptResult(String name, int exitCode, boolean timedOut, List<String> stdout, List<String> tail) {

    /** EX_TEMPFAIL of sysexits.h: the script could not reach its target and asks to be tried again. */
    static final int TEMPORARY_FAILURE = 75;

    ScriptResult {
        stdout = List.copyOf(stdout);
        tail = List.copyOf(tail);
    }

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The last lines of output as the end of a message: {@code ; it printed nothing} or the lines. */
    String lastOutput() {
        if (tail.isEmpty()) {
            return "; it printed nothing";
        }
        return tail.size() == 1
                ? "; its last line of output: " + tail.getFirst()
                : "; its last " + tail.size() + " lines of output:\n" + String.join("\n", tail);
    }
}
