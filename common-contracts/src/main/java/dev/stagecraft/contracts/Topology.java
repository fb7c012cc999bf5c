package dev.stagecraft.contracts;

/**
 * Exchange, queue and routing-key names (DESIGN.md §3). Every exchange is a durable topic exchange;
 * every queue is a durable quorum queue named {@code <exchange>.<group>} with a dead-letter queue
 * {@code <queue>.dlq}.
 */
public final class Topology {

    public static final String COMMANDS_EXCHANGE = "stagecraft.commands";
    public static final String JOBS_EXCHANGE = "stagecraft.jobs";
    public static final String EVENTS_EXCHANGE = "stagecraft.events";

    public static final String COMMAND_SERVICE = "command-service";
    public static final String DEPLOYER_WORKER = "deployer-worker";
    public static final String NOTIFIER_SERVICE = "notifier-service";
    public static final String QUERY_SERVICE = "query-service";

    public static final String COMMANDS_QUEUE = queue(COMMANDS_EXCHANGE, COMMAND_SERVICE);
    public static final String JOBS_QUEUE = queue(JOBS_EXCHANGE, DEPLOYER_WORKER);

    public static final String JOB_CANCEL_ROUTING_KEY = "job.cancel";
    public static final String ALL = "#";

    /** AMQP header carrying the contract version of a message. */
    public static final String VERSION_HEADER = "x-stagecraft-version";

    public static final String CONTRACT_VERSION = "1";

    private Topology() {}

    /** The queue a consumer group reads from an exchange: {@code <exchange>.<group>}. */
    public static String queue(String exchange, String group) {
        return exchange + "." + group;
    }

    /** The dead-letter queue of a queue: {@code <queue>.dlq}. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /** The queue a service reads events from: {@code stagecraft.events.<service>}. */
    public static String eventsQueue(String service) {
        return queue(EVENTS_EXCHANGE, service);
    }
}
