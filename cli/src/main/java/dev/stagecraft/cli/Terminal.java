package dev.stagecraft.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Where output goes and whether it may be coloured and redrawn: only on a terminal (never when piped or
 * redirected), never with {@code NO_COLOR} or {@code TERM=dumb}, unless {@code --color always|never} says so.
 */
final class Terminal {

    enum ColorMode {
        AUTO,
        ALWAYS,
        NEVER
    }

    private static final String RESET = "\u001b[0m";

    final PrintStream out;
    final PrintStream err;
    final boolean ansi;

    Terminal(PrintStream out, PrintStream err, boolean ansi) {
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    /** True when standard input and output are a terminal (JDK 22+ answers through {@code Console.isTerminal()}). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless both are a terminal
        }
    }

    String bold(String text) {
        return paint("1", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String green(String text) {
        return paint("32", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String cyan(String text) {
        return paint("36", text);
    }

    /** A status (environment, deployment or step) in the colour that says how it is doing. */
    String status(@Nullable String status) {
        if (status == null) {
            return "-";
        }
        return switch (status) {
            case "RUNNING", "SUCCEEDED", "DONE", "ACCEPTED", "APPROVED" -> green(status);
            case "FAILURE", "FAILED", "CLEANUP_FAILED", "REJECTED" -> red(status);
            case "ARCHIVED", "CLEANED", "CANCELLED", "SUPERSEDED", "SKIPPED", "PENDING" -> dim(status);
            default -> yellow(status);
        };
    }

    private String paint(String code, String text) {
        return ansi && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** The length of {@code text} as shown, without escape sequences. */
    static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").length();
    }
}
