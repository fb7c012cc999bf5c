package dev.stagecraft.notifier.stream;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * One WebSocket client. Frames are queued by the consumer thread, which never sends itself, and sent
 * in order by one task at a time on {@code senders}. A client that has been receiving one frame for
 * longer than the send time limit, or has more bytes waiting than the buffer limit, is disconnected
 * (close status 4500, "session not reliable"); it may reconnect. The session is wrapped in a
 * {@link ConcurrentWebSocketSessionDecorator} with the same limits, which measures the send in progress
 * and guards the session against concurrent sends (e.g. a close while a frame is on its way).
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    private final ConcurrentWebSocketSessionDecorator session;
    private final EventFilter filter;
    private final Executor senders;
    private final long sendTimeLimitMillis;
    private final long bufferSizeLimit;
    private final Queue<TextMessage> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscriber(WebSocketSession session, EventFilter filter, StreamProperties limits, Executor senders) {
        this.sendTimeLimitMillis = limits.sendTimeLimit().toMillis();
        this.bufferSizeLimit = limits.bufferSizeLimit().toBytes();
        this.session = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) sendTimeLimitMillis,
                (int) Math.min(Integer.MAX_VALUE, bufferSizeLimit),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.filter = filter;
        this.senders = senders;
    }

    String id() {
        return session.getId();
    }

    EventFilter filter() {
        return filter;
    }

    /** Queues a frame without blocking; disconnects the client if it cannot keep up. */
    void offer(TextMessage frame) {
        if (closed.get()) {
            return;
        }
        if (tooSlow()) {
            close(CloseStatus.SESSION_NOT_RELIABLE, "it does not keep up with the events");
            return;
        }
        pending.add(frame);
        pendingBytes.addAndGet(frame.getPayloadLength());
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::sendPending);
        }
    }

    private boolean tooSlow() {
        return session.getTimeSinceSendStarted() > sendTimeLimitMillis || pendingBytes.get() > bufferSizeLimit;
    }

    private void sendPending() {
        do {
            TextMessage frame;
            while ((frame = pending.poll()) != null && !closed.get()) {
                pendingBytes.addAndGet(-frame.getPayloadLength());
                send(frame);
            }
            sending.set(false);
        } while (!pending.isEmpty() && !closed.get() && sending.compareAndSet(false, true));
    }

    private void send(TextMessage frame) {
        try {
            session.sendMessage(frame);
        } catch (IOException | RuntimeException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE, "sending failed: " + e.getMessage());
        }
    }

    /** Closes the session on a sender thread, so that a stuck connection cannot hold up the caller. */
    void close(CloseStatus status, String reason) {
        if (closed.compareAndSet(false, true)) {
            log.info("closing WebSocket session {} ({}): {}", session.getId(), filter, reason);
            pending.clear();
            senders.execute(() -> closeQuietly(status));
        }
    }

    private void closeQuietly(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("closing WebSocket session {} failed: {}", session.getId(), e.getMessage());
        }
    }
}
