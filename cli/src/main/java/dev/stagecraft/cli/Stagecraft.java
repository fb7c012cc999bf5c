package dev.stagecraft.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code stagecraft}: the root command, its options (inherited by every subcommand) and the entry point. */
@Command(
        name = "stagecraft",
        scope = ScopeType.INHERIT,
        versionProvider = Stagecraft.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        usageHelpWidth = 110,
        description = {
            "Manage Stagecraft environments and deployments: register applications, create, update, archive, restore"
                    + " and clean up environments, promote and roll back, approve, and see what runs where.",
            ""
        },
        subcommands = {
            AppCommand.class,
            EnvCommand.class,
            PipelineCommands.Promote.class,
            PipelineCommands.Rollback.class,
            PipelineCommands.Approve.class,
            PipelineCommands.Reject.class,
            PipelineCommands.Cancel.class,
            ReadCommands.Status.class,
            ReadCommands.Diff.class,
            ReadCommands.History.class,
            ReadCommands.Logs.class,
            Completion.class
        },
        footerHeading = "%n",
        footer = {
            "Examples:",
            "  stagecraft env create shop review-1 --version 1.0.0 --ttl 2h --wait",
            "  stagecraft promote shop 1.0.0 --to qa --wait",
            "  stagecraft status shop",
            "  stagecraft env list --app shop --output json",
            "  source <(stagecraft completion)     # bash/zsh completion",
            "",
            "Settings, first found wins: flags; STAGECRAFT_COMMAND_URL, STAGECRAFT_QUERY_URL, STAGECRAFT_NOTIFIER_URL,",
            "STAGECRAFT_TOKEN; the config file ~/.config/stagecraft/config (lines command-url=, query-url=,",
            "notifier-url=, token=); defaults. The token also from .bootstrap/admin.token (./bootstrap/up writes it)",
            "in this directory or above.",
            "",
            ExitCode.HELP
        })
final class Stagecraft implements Runnable {

    enum Output {
        TABLE,
        JSON
    }

    @Option(
            names = {"-h", "--help"},
            scope = ScopeType.INHERIT,
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    @Option(
            names = "--command-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "command-service (default ${STAGECRAFT_COMMAND_URL:-http://127.0.0.1:8080})")
    @Nullable
    String commandUrl;

    @Option(
            names = "--query-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "query-service (default http://127.0.0.1:8081)")
    @Nullable
    String queryUrl;

    @Option(
            names = "--notifier-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "notifier-service, for --wait (default http://127.0.0.1:8082)")
    @Nullable
    String notifierUrl;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "API token (prefer STAGECRAFT_TOKEN or the config file: flags show in ps)")
    @Nullable
    String token;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "config file (default ~/.config/stagecraft/config)")
    @Nullable
    Path config;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "table|json",
            defaultValue = "table",
            description = "table for people (default) or json for scripts")
    Output output = Output.TABLE;

    @Option(
            names = "--color",
            scope = ScopeType.INHERIT,
            paramLabel = "auto|always|never",
            defaultValue = "auto",
            description = "colours and live progress: auto = only on a terminal (default)")
    Terminal.ColorMode color = Terminal.ColorMode.AUTO;

    @Spec
    @Nullable
    CommandSpec spec;

    /** How the process was started: its environment, home and working directory, streams, and whether they are a terminal. */
    record Context(
            Map<String, String> env, Path home, Path workingDirectory, PrintStream out, PrintStream err, boolean tty) {

        /** {@code $HOME} (the JVM's user.home comes from the password database and ignores it), else user.home. */
        static Path home(Map<String, String> env) {
            String home = env.get("HOME");
            return home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
        }

        static Context system() {
            return new Context(
                    System.getenv(),
                    home(System.getenv()),
                    Path.of("").toAbsolutePath(),
                    new PrintStream(System.out, true, StandardCharsets.UTF_8),
                    new PrintStream(System.err, true, StandardCharsets.UTF_8),
                    Terminal.isTerminal());
        }
    }

    private final Context context;
    private @Nullable Session session;

    Stagecraft(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(execute(Context.system(), args));
    }

    static int execute(Context context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(Context context) {
        CommandLine commandLine = new CommandLine(new Stagecraft(context));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        boolean colours = context.tty()
                && !context.env().containsKey("NO_COLOR")
                && !"dumb".equals(context.env().get("TERM"));
        commandLine.setColorScheme(
                CommandLine.Help.defaultColorScheme(colours ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            context.err().println(e.getMessage());
            context.err().println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof Failure failure) {
                context.err().println(failure.getMessage());
                return failure.exitCode;
            }
            context.err().println("stagecraft failed unexpectedly: " + e);
            return ExitCode.INTERNAL;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'stagecraft status <app>'");
    }

    /** The settings, API client and terminal of this run, made on first use (after the options are parsed). */
    Session session() {
        if (session == null) {
            Settings settings = Settings.resolve(
                    new Settings.Flags(commandUrl, queryUrl, notifierUrl, token, config),
                    context.env(),
                    context.home(),
                    context.workingDirectory());
            boolean ansi = switch (color) {
                case ALWAYS -> true;
                case NEVER -> false;
                case AUTO ->
                    context.tty()
                            && !context.env().containsKey("NO_COLOR")
                            && !"dumb".equals(context.env().get("TERM"));
            };
            Terminal terminal = new Terminal(context.out(), context.err(), ansi);
            session = new Session(settings, new Api(settings), terminal, output, context.env());
        }
        return session;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Stagecraft.class.getPackage().getImplementationVersion();
            return new String[] {"stagecraft " + (version == null ? "development build" : version)};
        }
    }
}
