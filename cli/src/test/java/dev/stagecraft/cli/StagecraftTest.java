package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user types it: parsing, help, usage errors and their exit codes (no service needed). */
class StagecraftTest {

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {}

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String[] command : new String[][] {
            {"app"},
            {"env"},
            {"app", "register"},
            {"app", "list"},
            {"env", "create"},
            {"env", "update"},
            {"env", "archive"},
            {"env", "restore"},
            {"env", "cleanup"},
            {"env", "lock"},
            {"env", "unlock"},
            {"env", "show"},
            {"env", "list"},
            {"promote"},
            {"rollback"},
            {"approve"},
            {"reject"},
            {"cancel"},
            {"diff"},
            {"status"},
            {"history"},
            {"logs"},
            {"completion"}
        }) {
            String[] args = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Run run = run(Map.of(), args);
            assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(run.out())
                    .as(String.join(" ", command))
                    .contains("Usage: stagecraft " + String.join(" ", command))
                    .contains("Example");
        }
    }

    @Test
    void theRootHelpListsTheExitCodes() {
        Run run = run(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Exit codes:")
                .contains("3  refused by the service")
                .contains("~/.config/stagecraft/config");
    }

    @Test
    void aMissingArgumentIsAUsageErrorWithAPointerToHelp() {
        Run run = run(Map.of("STAGECRAFT_TOKEN", "t"), "env", "create", "shop");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err())
                .isEqualTo("Missing required options and parameters: '--version=VERSION', 'ENV'\n"
                        + "see 'stagecraft env create --help'\n");
    }

    @Test
    void badValuesAreUsageErrorsInOneSentence() {
        assertThat(run(Map.of(), "env", "create", "shop", "qa", "--version", "1", "--ttl", "soon"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(r ->
                        assertThat(r.err()).contains("'soon' is not a duration; write e.g. 90s, 10m, 2h, 3d or PT72H"));
        assertThat(run(Map.of("STAGECRAFT_TOKEN", "t"), "logs", "not-an-id"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(r -> assertThat(r.err()).startsWith("'not-an-id' is not a deployment id"));
        assertThat(run(Map.of("STAGECRAFT_TOKEN", "t"), "env", "update", "shop", "qa"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(r -> assertThat(r.err()).startsWith("say what to change"));
        assertThat(run(Map.of("STAGECRAFT_TOKEN", "t"), "app", "register", "--name", "shop", "--stage", "qa,approve"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(
                        r -> assertThat(r.err())
                                .isEqualTo(
                                        "stage 'qa,approve': 'approve' is not requires-approval, auto-promote or branch=BRANCH\n"));
    }

    @Test
    void withoutATokenTheCallIsNotMade() {
        Run run = run(Map.of(), "status", "shop");

        assertThat(run.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(run.err()).startsWith("no API token: pass --token, set STAGECRAFT_TOKEN");
    }

    @Test
    void aServiceThatDoesNotListenIsNamedWithItsAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        Run run = run(Map.of("STAGECRAFT_TOKEN", "t", "STAGECRAFT_COMMAND_URL", url), "env", "archive", "shop", "qa");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err())
                .isEqualTo("cannot reach command-service at " + url
                        + ": connection refused — is it running? try ./bootstrap/up\n");
    }

    @Test
    void completionIsAScriptForBashAndZsh() {
        Run run = run(Map.of(), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("complete -F")
                .contains("bashcompinit")
                .contains("promote")
                .contains("rollback");
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        Stagecraft.Context context = new Stagecraft.Context(
                environment,
                home,
                home,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        int exitCode = Stagecraft.execute(context, args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
