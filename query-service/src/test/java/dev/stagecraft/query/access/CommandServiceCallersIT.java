package dev.stagecraft.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.query.CommandServiceStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How query-service reads command-service's answers about callers, and what it makes of no answer. */
class CommandServiceCallersIT {

    @Test
    void readsNameAndRolesFromCommandService() {
        CommandServiceCallers callers =
                callers(URI.create(CommandServiceStandIn.instance().baseUrl()));

        assertThat(callers.whoIs("Bearer " + CommandServiceStandIn.SHOP_VIEWER_TOKEN))
                .isEqualTo(new CommandServiceCallers.Known(
                        new Reader("shopper", List.of(new Reader.Grant("viewer", "shop")))));
        assertThat(callers.whoIs("Bearer sc_unknown")).isInstanceOf(CommandServiceCallers.Unknown.class);
    }

    @Test
    void aCommandServiceThatDoesNotAnswerIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandServiceCallers callers = callers(URI.create("http://127.0.0.1:" + closedPort));

        assertThat(callers.whoIs("Bearer " + CommandServiceStandIn.READER_TOKEN))
                .isInstanceOf(CommandServiceCallers.Unreachable.class);
    }

    private static CommandServiceCallers callers(URI base) {
        return new CommandServiceCallers(
                new AccessProperties(base, new AccessProperties.Auth(Duration.ofSeconds(30), Duration.ofSeconds(2))),
                Clock.systemUTC());
    }
}
