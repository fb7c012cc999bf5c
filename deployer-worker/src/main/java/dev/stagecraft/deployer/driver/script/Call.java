package dev.stagecraft.deployer.driver.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One call of a control script: the executable, its arguments (never a secret: argv is readable by everyone in
 * {@code /proc}), its whole environment, its working directory and how long it may run.
 *
 * @param name how people know the script ({@code create}, or a hook's command)
 */
record Call(
        String name,
        Path executable,
        List<String> arguments,
        Map<String, String> environment,
        Path directory,
        Duration timeout) {

    Call {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** The command line as logged: the script's name and its arguments. */
    String commandLine() {
        return "$ " + name + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    }
}
