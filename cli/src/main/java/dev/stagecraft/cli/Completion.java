package dev.stagecraft.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stagecraft completion}: picocli's completion script for bash and zsh. */
@Command(
        name = "completion",
        description = "Print the shell completion script for bash and zsh.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(stagecraft completion)                          # this shell (bash or zsh)",
            "  stagecraft completion > /etc/bash_completion.d/stagecraft  # every new bash",
            "  echo 'source <(stagecraft completion)' >> ~/.zshrc         # zsh (uses bashcompinit)"
        })
final class Completion implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("stagecraft", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
    }
}
