package dev.stagecraft.notifier.stream.web;

import dev.stagecraft.notifier.stream.EventFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/** Parses the subscription filter before the upgrade; a bad one is answered 400 problem+json. */
final class FilterHandshakeInterceptor implements HandshakeInterceptor {

    static final String FILTER = EventFilter.class.getName();

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        try {
            attributes.put(FILTER, SubscriptionRequest.filterOf(request.getURI()));
            return true;
        } catch (IllegalArgumentException e) {
            refuse(request, response, e.getMessage());
            return false;
        }
    }

    /** Answers 400 with an RFC 9457 problem. */
    private void refuse(ServerHttpRequest request, ServerHttpResponse response, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Invalid subscription");
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put("detail", detail);
        problem.put("instance", request.getURI().getPath());
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {}
}
