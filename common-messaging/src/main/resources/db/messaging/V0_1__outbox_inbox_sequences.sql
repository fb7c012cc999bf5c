-- Shared by every Stagecraft service, applied into the service's own schema (Flyway location
-- classpath:db/messaging). Numbered below the services' own V1+ migrations.

-- Spring Modulith's event publication registry (schema v2 for PostgreSQL): our transactional outbox.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

-- Inbox: one row per consumed AMQP message id, written in the same transaction as its effect.
CREATE TABLE inbox_message
(
  message_id  TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- The last event sequence this service gave each environment.
CREATE TABLE event_sequence
(
  app         TEXT NOT NULL,
  environment TEXT NOT NULL,
  last_value  BIGINT NOT NULL,
  PRIMARY KEY (app, environment)
);
