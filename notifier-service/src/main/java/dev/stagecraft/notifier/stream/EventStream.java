package dev.stagecraft.notifier.stream;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.event.Event;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Streams events to the WebSocket clients whose filter they match, as text frames
 * {@code {"type":"deployment.succeeded","event":{…}}}, where {@code event} is the event's JSON exactly as it
 * travelled on {@code stagecraft.events}.
 */
@Component
public class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final StreamProperties properties;
    private final MessageCodec codec = MessageCodec.instance();

    EventStream(StreamProperties properties, MeterRegistry meters) {
        this.properties = properties;
        Gauge.builder("stagecraft.notifier.websocket.sessions", subscribers, Map::size)
                .description("open WebSocket sessions on /ws/events")
                .register(meters);
    }

    public void subscribe(WebSocketSession session, EventFilter filter) {
        subscribers.put(session.getId(), new Subscriber(session, filter, properties, senders));
        log.debug("WebSocket session {} subscribed to {}", session.getId(), filter);
    }

    public void unsubscribe(WebSocketSession session) {
        subscribers.remove(session.getId());
    }

    /** Relays the event once the current transaction commits (at once without one); nothing on rollback. */
    public void publishAfterCommit(String type, Event event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(type, event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(type, event);
            }
        });
    }

    void publish(String type, Event event) {
        try {
            TextMessage frame = null;
            for (Subscriber subscriber : subscribers.values()) {
                if (subscriber.filter().matches(event)) {
                    frame = frame != null ? frame : frame(type, event);
                    subscriber.offer(frame);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not relay {} {} to WebSocket clients: {}", type, event.eventId(), e.getMessage(), e);
        }
    }

    /** The frame of one event: its type and its JSON. */
    TextMessage frame(String type, Event event) {
        String json = "{\"type\":" + codec.encodeToString(type) + ",\"event\":" + codec.encodeToString(event) + "}";
        return new TextMessage(json);
    }

    @PreDestroy
    void closeAll() {
        subscribers.values().forEach(s -> s.close(CloseStatus.GOING_AWAY, "the notifier is shutting down"));
        subscribers.clear();
        senders.shutdown();
    }
}
