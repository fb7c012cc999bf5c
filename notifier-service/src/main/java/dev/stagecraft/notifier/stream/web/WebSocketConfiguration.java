package dev.stagecraft.notifier.stream.web;

import dev.stagecraft.notifier.stream.EventStream;
import dev.stagecraft.notifier.stream.StreamProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Plain WebSocket (no STOMP, no SockJS) at {@code /ws/events}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/ws/events";

    private final EventStream stream;
    private final StreamProperties properties;

    WebSocketConfiguration(EventStream stream, StreamProperties properties) {
        this.stream = stream;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EventStreamHandler(stream), PATH)
                .addInterceptors(new FilterHandshakeInterceptor())
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }
}
