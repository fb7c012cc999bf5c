package dev.stagecraft.command.slack;

import dev.stagecraft.contracts.DeploymentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a slash command ({@code promote shop 1.9.0 to prod}) into a {@link SlackIntent}. What
 * cannot be read is refused with a {@link Unusable} sentence that ends with the usage line of the subcommand.
 * Application and environment names are checked here (DNS-1123 labels), because list and diff put them into
 * query-service URLs; everything else is the command handler's to judge.
 */
final class SlashCommandParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final String FORCE = "--force";

    private final String command;

    SlashCommandParser(String command) {
        this.command = command;
    }

    /** Text that is not a command this parser knows; the message says what was wrong and how to write it. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    SlackIntent parse(@Nullable String text) {
        Tokens tokens = Tokens.of(text == null ? "" : text);
        if (tokens.size() == 0) {
            return new SlackIntent.Help();
        }
        String verb = tokens.get(0).toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "help" -> new SlackIntent.Help();
            case "list" -> list(tokens);
            case "diff" -> diff(tokens);
            case "promote" -> promote(tokens);
            case "rollback" -> rollback(tokens);
            case "approve" -> new SlackIntent.ApproveOrder(deployment(tokens, "approve"), tokens.restFrom(2));
            case "reject" -> new SlackIntent.RejectOrder(deployment(tokens, "reject"), tokens.restFrom(2));
            case "lock" -> lock(tokens);
            case "unlock" -> unlock(tokens);
            default ->
                throw new Unusable("'" + tokens.get(0) + "' is not a Stagecraft command; use promote, rollback, list,"
                        + " diff, approve, reject, lock, unlock or help (`" + command + " help`)");
        };
    }

    /** The usage lines of every subcommand, one per line. */
    String usage() {
        return String.join(
                "\n",
                List.of(
                        usage("promote"),
                        usage("rollback"),
                        usage("list"),
                        usage("diff"),
                        usage("approve"),
                        usage("reject"),
                        usage("lock"),
                        usage("unlock"),
                        usage("help")));
    }

    String usage(String verb) {
        String arguments = switch (verb) {
            case "promote" -> " <app> <version> [to <stage>] [--force]";
            case "rollback" -> " <app> <env> [<version>]";
            case "list" -> " [<app>]";
            case "diff" -> " <app> <from-env> <to-env>";
            case "approve", "reject" -> " <deployment-id> [comment…]";
            case "lock" -> " <app> <env> <reason…>";
            case "unlock" -> " <app> <env> [--force]";
            default -> "";
        };
        return command + " " + verb + arguments;
    }

    private SlackIntent list(Tokens tokens) {
        expect(tokens, "list", 1, 2, "at most an application name");
        return new SlackIntent.ListApplications(tokens.size() == 2 ? name(tokens.get(1), "application", "list") : null);
    }

    private SlackIntent diff(Tokens tokens) {
        expect(tokens, "diff", 4, 4, "an application and two environments");
        return new SlackIntent.Diff(
                name(tokens.get(1), "application", "diff"),
                name(tokens.get(2), "environment", "diff"),
                name(tokens.get(3), "environment", "diff"));
    }

    private SlackIntent promote(Tokens tokens) {
        boolean force = tokens.removeFlag(FORCE);
        rejectOtherFlags(tokens, "promote");
        int size = tokens.size();
        if (size != 3 && !(size == 5 && tokens.get(3).equalsIgnoreCase("to"))) {
            throw unusable("promote", "needs an application and a version, optionally `to <stage>`");
        }
        return new SlackIntent.PromoteOrder(
                name(tokens.get(1), "application", "promote"),
                tokens.get(2),
                size == 5 ? name(tokens.get(4), "stage", "promote") : null,
                force);
    }

    private SlackIntent rollback(Tokens tokens) {
        expect(tokens, "rollback", 3, 4, "an application, an environment and optionally a version");
        return new SlackIntent.RollbackOrder(
                name(tokens.get(1), "application", "rollback"),
                name(tokens.get(2), "environment", "rollback"),
                tokens.size() == 4 ? tokens.get(3) : null);
    }

    private SlackIntent lock(Tokens tokens) {
        String reason = tokens.restFrom(3);
        if (tokens.size() < 4 || reason == null) {
            throw unusable("lock", "needs an application, an environment and a reason");
        }
        return new SlackIntent.LockOrder(
                name(tokens.get(1), "application", "lock"), name(tokens.get(2), "environment", "lock"), reason);
    }

    private SlackIntent unlock(Tokens tokens) {
        boolean force = tokens.removeFlag(FORCE);
        rejectOtherFlags(tokens, "unlock");
        expect(tokens, "unlock", 3, 3, "an application and an environment");
        return new SlackIntent.UnlockOrder(
                name(tokens.get(1), "application", "unlock"), name(tokens.get(2), "environment", "unlock"), force);
    }

    private DeploymentId deployment(Tokens tokens, String verb) {
        if (tokens.size() < 2) {
            throw unusable(verb, "needs the id of the deployment");
        }
        try {
            return DeploymentId.parse(tokens.get(1));
        } catch (IllegalArgumentException e) {
            throw unusable(verb, "needs a deployment id (a UUID), not '" + tokens.get(1) + "'");
        }
    }

    private void expect(Tokens tokens, String verb, int min, int max, String what) {
        if (tokens.size() < min || tokens.size() > max) {
            throw unusable(verb, "takes " + what);
        }
    }

    private void rejectOtherFlags(Tokens tokens, String verb) {
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).startsWith("--")) {
                throw unusable(verb, "knows no option " + tokens.get(i));
            }
        }
    }

    private String name(String value, String what, String verb) {
        if (value.length() > 53 || !NAME.matcher(value).matches()) {
            throw unusable(
                    verb, "needs " + article(what) + " name of lowercase letters, digits and '-', not '" + value + "'");
        }
        return value;
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an " + word : "a " + word;
    }

    private Unusable unusable(String verb, String problem) {
        return new Unusable("`" + verb + "` " + problem + "; usage: `" + usage(verb) + "`");
    }

    /** The words of the text, each with where it starts, so that a reason or comment keeps its own spacing. */
    private static final class Tokens {

        private final String text;
        private final List<String> words = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();

        private Tokens(String text) {
            this.text = text;
            Matcher matcher = TOKEN.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group());
                starts.add(matcher.start());
            }
        }

        static Tokens of(String text) {
            return new Tokens(text.replace('\u00a0', ' '));
        }

        int size() {
            return words.size();
        }

        String get(int index) {
            return words.get(index);
        }

        /** The text from the {@code index}th word on, as written; null if there is none. */
        @Nullable
        String restFrom(int index) {
            return index < words.size() ? text.substring(starts.get(index)).strip() : null;
        }

        boolean removeFlag(String flag) {
            boolean found = false;
            for (int i = words.size() - 1; i >= 1; i--) {
                if (words.get(i).equalsIgnoreCase(flag)) {
                    words.remove(i);
                    starts.remove(i);
                    found = true;
                }
            }
            return found;
        }
    }
}
