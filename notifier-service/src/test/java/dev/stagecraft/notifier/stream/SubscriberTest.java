package dev.stagecraft.notifier.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

class SubscriberTest {

    final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    final StreamProperties limits = new StreamProperties(null, Duration.ofMillis(200), DataSize.ofKilobytes(4));
    final WebSocketSession session = mock(WebSocketSession.class);

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    @Test
    void framesAreSentInTheOrderOffered() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        when(session.getId()).thenReturn("s1");
        when(session.isOpen()).thenReturn(true);
        doAnswer(call -> sent.add(call.<TextMessage>getArgument(0).getPayload()))
                .when(session)
                .sendMessage(any());
        Subscriber subscriber = new Subscriber(session, EventFilter.ANY, limits, senders);

        List<String> frames =
                IntStream.range(0, 200).mapToObj(i -> "frame " + i).toList();
        frames.forEach(frame -> subscriber.offer(new TextMessage(frame)));

        await().until(() -> sent.size() == frames.size());
        assertThat(sent).containsExactlyElementsOf(frames);
    }

    @Test
    void aClientThatDoesNotKeepUpIsDisconnectedWithoutHoldingUpTheCaller() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        when(session.getId()).thenReturn("s2");
        when(session.isOpen()).thenReturn(true);
        doAnswer(call -> {
                    stuck.await();
                    return null;
                })
                .when(session)
                .sendMessage(any());
        Subscriber subscriber = new Subscriber(session, EventFilter.ANY, limits, senders);

        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            subscriber.offer(new TextMessage("x".repeat(100)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));

        verify(session, timeout(2000)).close(CloseStatus.SESSION_NOT_RELIABLE);
        stuck.countDown();
    }
}
