package dev.stagecraft.notifier.stream.web;

import dev.stagecraft.notifier.stream.EventFilter;
import dev.stagecraft.notifier.stream.EventStream;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** {@code /ws/events}: subscribes each session with the filter of its handshake; clients only listen. */
final class EventStreamHandler extends TextWebSocketHandler {

    private final EventStream stream;

    EventStreamHandler(EventStream stream) {
        this.stream = stream;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Object filter = session.getAttributes().get(FilterHandshakeInterceptor.FILTER);
        stream.subscribe(session, filter instanceof EventFilter given ? given : EventFilter.ANY);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // the stream is one-way; what a client sends is ignored
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        stream.unsubscribe(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        stream.unsubscribe(session);
    }
}
