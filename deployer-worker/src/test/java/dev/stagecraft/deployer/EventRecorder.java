package dev.stagecraft.deployer;

import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.messaging.InboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A queue of the test's own bound to every event on {@code stagecraft.events}; records each event in the
 * order received, decoded and validated against its JSON Schema.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EventRecorder {

    static final String QUEUE = "deployer-it.events";

    private final List<Event> received = new CopyOnWriteArrayList<>();

    @Bean
    Declarables recordedEvents() {
        Queue queue = new Queue(QUEUE, false, false, true);
        return new Declarables(
                queue,
                BindingBuilder.bind(queue)
                        .to(new TopicExchange("stagecraft.events"))
                        .with("#"));
    }

    @RabbitListener(queues = QUEUE)
    void on(Message message) {
        received.add((Event) InboundMessage.from(message).decode());
    }

    public List<Event> all() {
        return List.copyOf(received);
    }

    public List<Event> of(String app, String environment) {
        return received.stream()
                .filter(e -> Objects.equals(e.app(), app) && Objects.equals(e.environment(), environment))
                .toList();
    }

    public <T extends Event> List<T> of(String app, String environment, Class<T> type) {
        return of(app, environment).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The events of type {@code type} of the job's deployment. */
    public <T extends Event> List<T> of(DeploymentJob job, Class<T> type) {
        return received.stream()
                .filter(type::isInstance)
                .filter(e -> e instanceof DeploymentEvent d && d.deploymentId().equals(job.deploymentId()))
                .map(type::cast)
                .toList();
    }

    /** Whether the job's deployment succeeded or failed. */
    public boolean ended(DeploymentJob job) {
        return !of(job, DeploymentSucceeded.class).isEmpty()
                || !of(job, DeploymentFailed.class).isEmpty();
    }

    /** How the job's deployment failed; throws if it did not. */
    public DeploymentFailed failed(DeploymentJob job) {
        return of(job, DeploymentFailed.class).stream().findFirst().orElseThrow();
    }

    /** The types of the events of a job's deployment: its own and those its command caused. */
    public List<String> types(DeploymentJob job) {
        return all().stream()
                .filter(e -> e instanceof DeploymentEvent d && d.deploymentId().equals(job.deploymentId())
                        || job.commandId().equals(e.commandId()))
                .map(MessageTypes::typeOf)
                .toList();
    }
}
