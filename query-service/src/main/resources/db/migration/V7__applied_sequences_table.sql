-- The ordering guard moves out of the environments row into a narrow table of its own: it advances on almost every
-- event, and rewriting the wide environments row (and its JSONB columns) each time was most of what applying an
-- event cost.
CREATE TABLE applied_sequences
(
  app         TEXT   NOT NULL,
  environment TEXT   NOT NULL,
  fact        TEXT   NOT NULL, -- <source>/<fact>, e.g. deployer-worker/deployment
  sequence    BIGINT NOT NULL,
  PRIMARY KEY (app, environment, fact)
);

INSERT INTO applied_sequences (app, environment, fact, sequence)
SELECT e.app, e.name, s.key, CAST(s.value AS bigint)
  FROM environments e, jsonb_each_text(e.applied_sequences) AS s;

ALTER TABLE environments DROP COLUMN applied_sequences;
