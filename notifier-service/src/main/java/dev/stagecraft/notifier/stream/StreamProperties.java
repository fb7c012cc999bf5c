package dev.stagecraft.notifier.stream;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code stagecraft.notifier.websocket.*}; a property left out takes the default shown.
 *
 * @param allowedOrigins origin patterns allowed to open {@code /ws/events}; default {@code *} (any)
 * @param sendTimeLimit a client whose current frame has been sending for longer is disconnected; default 10s
 * @param bufferSizeLimit a client with more than this waiting to be sent is disconnected; default 1MB
 */
@ConfigurationProperties("stagecraft.notifier.websocket")
public record StreamProperties(List<String> allowedOrigins, Duration sendTimeLimit, DataSize bufferSizeLimit) {

    public StreamProperties {
        allowedOrigins =
                allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
        bufferSizeLimit = bufferSizeLimit == null ? DataSize.ofMegabytes(1) : bufferSizeLimit;
    }
}
