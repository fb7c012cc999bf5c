package dev.stagecraft.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}, mixed into every command that starts a deployment. */
final class WaitOptions {

    @Option(
            names = {"-w", "--wait"},
            description = "follow the deployment live (progress per step) until it ends; exit 0 only if it succeeded")
    boolean wait;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "15m",
            converter = DurationConverter.class,
            description = "with --wait: give up after this long (e.g. 90s, 10m, 1h, PT2H; default 15m)")
    Duration timeout = Duration.ofMinutes(15);

    /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 3d} or an ISO-8601 duration ({@code PT72H}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }

        static Duration parse(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return positive(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
                }
                if (text.matches("\\d+[smhd]")) {
                    long amount = Long.parseLong(text.substring(0, text.length() - 1));
                    return positive(
                            switch (text.charAt(text.length() - 1)) {
                                case 's' -> Duration.ofSeconds(amount);
                                case 'm' -> Duration.ofMinutes(amount);
                                case 'h' -> Duration.ofHours(amount);
                                default -> Duration.ofDays(amount);
                            },
                            value);
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // fall through to the sentence below
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration; write e.g. 90s, 10m, 2h, 3d or PT72H");
        }

        private static Duration positive(Duration duration, String value) {
            if (duration.isNegative() || duration.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
            }
            return duration;
        }
    }
}
