-- deployment.succeeded: the links the driver gives users for what runs now ([{name, url}]); [] when it gives none.
ALTER TABLE environments ADD COLUMN links JSONB NOT NULL DEFAULT '[]';
