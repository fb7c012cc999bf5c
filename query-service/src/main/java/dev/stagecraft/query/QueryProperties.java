package dev.stagecraft.query;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.query.*}.
 *
 * @param cors who may read the API from a browser
 * @param page how many rows list answers return
 * @param stepOutput how much of the output of each deployment step is kept
 */
@ConfigurationProperties("stagecraft.query")
public record QueryProperties(Cors cors, Page page, StepOutput stepOutput) {

    public QueryProperties {
        cors = cors == null ? new Cors(List.of("*"), Duration.ofMinutes(30)) : cors;
        page = page == null ? new Page(0, 0) : page;
        stepOutput = stepOutput == null ? new StepOutput(0, 0) : stepOutput;
    }

    /**
     * @param allowedOrigins origins allowed to GET {@code /api/**} from a browser; {@code *} means any
     * @param maxAge how long a browser may cache the answer to a CORS preflight request
     */
    public record Cors(List<String> allowedOrigins, Duration maxAge) {

        public Cors {
            allowedOrigins =
                    allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
            maxAge = maxAge == null ? Duration.ofMinutes(30) : maxAge;
        }
    }

    /**
     * @param defaultSize rows returned by list endpoints without a {@code limit} parameter
     * @param maxSize the most rows a {@code limit} can ask for; larger limits are lowered to it
     */
    public record Page(int defaultSize, int maxSize) {

        public Page {
            defaultSize = defaultSize <= 0 ? 50 : defaultSize;
            maxSize = maxSize <= 0 ? 500 : maxSize;
        }

        /** The number of rows to return for a requested {@code limit}, if any. */
        public int limit(@Nullable Integer requested) {
            if (requested == null || requested <= 0) {
                return Math.min(defaultSize, maxSize);
            }
            return Math.min(requested, maxSize);
        }
    }

    /**
     * @param maxLines the newest lines of a step's output that are kept; older ones are dropped and the step is
     *     marked {@code truncated}
     * @param maxLineLength characters kept of one line; the rest is cut and replaced by {@code …}
     */
    public record StepOutput(int maxLines, int maxLineLength) {

        public StepOutput {
            maxLines = maxLines <= 0 ? 500 : maxLines;
            maxLineLength = maxLineLength <= 0 ? 4000 : maxLineLength;
        }

        /** {@code line} cut to {@link #maxLineLength} characters. */
        public String cut(String line) {
            if (line.length() <= maxLineLength) {
                return line;
            }
            int end = Character.isHighSurrogate(line.charAt(maxLineLength - 1)) ? maxLineLength - 1 : maxLineLength;
            return line.substring(0, end) + "…";
        }
    }
}
