-- The transactional outbox becomes a table of our own, relayed in batches by OutboxRelay
-- (SELECT ... FOR UPDATE SKIP LOCKED, one publisher-confirm wait per batch, DELETE). Numbered below the
-- services' own V1+ migrations.
CREATE TABLE outbox_message
(
  id             BIGSERIAL PRIMARY KEY,
  exchange       TEXT NOT NULL,
  routing_key    TEXT NOT NULL,
  type           TEXT NOT NULL,
  message_id     TEXT NOT NULL,
  correlation_id TEXT NULL,
  body           TEXT NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- Messages Spring Modulith's registry had not yet sent move over in the order they were published.
-- serialized_event is Modulith's Jackson serialization of the OutboundMessage record: one JSON property per
-- record component (exchange, routingKey, type, messageId, correlationId, body).
INSERT INTO outbox_message (exchange, routing_key, type, message_id, correlation_id, body, created_at)
SELECT serialized_event::jsonb ->> 'exchange',
       serialized_event::jsonb ->> 'routingKey',
       serialized_event::jsonb ->> 'type',
       serialized_event::jsonb ->> 'messageId',
       serialized_event::jsonb ->> 'correlationId',
       serialized_event::jsonb ->> 'body',
       publication_date
FROM event_publication
WHERE event_type = 'dev.stagecraft.messaging.OutboundMessage'
  AND completion_date IS NULL
ORDER BY publication_date, id;

-- event_publication itself stays: Spring Modulith still keeps the in-process events of a service there
-- (command-service's AutoPromotionDue). Only the outbox messages leave it, sent or not.
DELETE FROM event_publication WHERE event_type = 'dev.stagecraft.messaging.OutboundMessage';
