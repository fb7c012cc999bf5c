package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void aRefusalIsTheProblemsDetailWithTheExitCodeOfItsKind() {
        var problem = Json.MAPPER.readTree(
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"environment shop/qa already exists; update it with PATCH /api/v1/applications/shop/environments/qa\"}");

        Failure conflict = Api.refusal(Api.Service.COMMAND, 409, problem);
        Failure unauthorized = Api.refusal(Api.Service.QUERY, 401, Json.object().put("title", "Unauthorized"));
        Failure broken = Api.refusal(Api.Service.QUERY, 502, null);

        assertThat(conflict.exitCode).isEqualTo(ExitCode.REFUSED);
        assertThat(conflict.getMessage()).startsWith("environment shop/qa already exists");
        assertThat(unauthorized.exitCode).isEqualTo(ExitCode.AUTH);
        assertThat(unauthorized.getMessage()).isEqualTo("Unauthorized");
        assertThat(broken.exitCode).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(broken.getMessage()).isEqualTo("query-service answered HTTP 502");
    }

    @Test
    void unreachableSaysWhatToTryForLocalAndRemoteAddresses() {
        Failure local = Api.unreachable(Api.Service.COMMAND, "http://localhost:8080", new ConnectException());
        Failure remote = Api.unreachable(Api.Service.QUERY, "https://stagecraft.example", new ConnectException());

        assertThat(local.getMessage())
                .isEqualTo("cannot reach command-service at http://localhost:8080: connection refused — is it running?"
                        + " try ./bootstrap/up");
        assertThat(remote.getMessage()).endsWith("is it running, and is --query-url right?");
        assertThat(local.exitCode).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void theNextPageIsReadFromTheLinkHeader() {
        HttpHeaders headers = HttpHeaders.of(
                Map.of("Link", List.of("<http://q:8081/api/v1/environments?app=shop&limit=1&after=MQ>; rel=\"next\"")),
                (a, b) -> true);

        assertThat(new Api.Reply(200, headers, null).next())
                .contains("http://q:8081/api/v1/environments?app=shop&limit=1&after=MQ");
        assertThat(new Api.Reply(200, HttpHeaders.of(Map.of(), (a, b) -> true), null).next())
                .isEmpty();
    }
}
