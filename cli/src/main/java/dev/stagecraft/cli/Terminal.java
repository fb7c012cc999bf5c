package dev.stagecraft.cli;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    /**
     * How many columns the terminal has: {@code COLUMNS} if exported, else what {@code stty size} says about the
     * controlling terminal, else 80. Lines wider than this would wrap and break the redrawing in place.
     */
    static int columns(Map<String, String> env) {
        try {
            if (env.containsKey("COLUMNS")) {
                return Math.max(20, Integer.parseInt(env.get("COLUMNS").strip()));
            }
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && answer.matches("\\d+ \\d+")) {
                return Math.max(20, Integer.parseInt(answer.split(" ")[1]));
            }
        } catch (IOException | NumberFormatException e) {
            // no terminal to ask: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** {@code text} cut to {@code width} visible characters (escape sequences kept whole, styles reset after a cut). */
    static String fit(String text, int width) {
        if (visibleLength(text) <= width) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u001b') {
                int end = i + 1;
                while (end < text.length() && !Character.isLetter(text.charAt(end))) {
                    end++;
                }
                cut.append(text, i, Math.min(end + 1, text.length()));
                i = end;
            } else if (visible < width - 1) {
                cut.append(c);
                visible++;
            }
        }
        return cut.append('…').append(RESET).toString();
    }

    /** The length of {@code text} as shown, without escape sequences. */
    static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").length();
    }
}
