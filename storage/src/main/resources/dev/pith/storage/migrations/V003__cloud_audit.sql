-- Schema 3: the cloud audit, one row per question that left the machine: the exact sanitized text the
-- user confirmed, where it went and when, and how it ended. Rows outlive their conversation (the link
-- becomes NULL), because what was sent stays sent.

CREATE TABLE cloud_audit (
  id              INTEGER PRIMARY KEY,
  sent_at         INTEGER NOT NULL,
  conversation_id TEXT    REFERENCES conversations (id) ON DELETE SET NULL,
  message_id      TEXT    REFERENCES messages (id) ON DELETE SET NULL,
  provider        TEXT    NOT NULL,
  endpoint        TEXT    NOT NULL,
  model           TEXT,
  sent_text       TEXT    NOT NULL,
  redactions      INTEGER NOT NULL DEFAULT 0,
  outcome         TEXT    NOT NULL
);

CREATE INDEX cloud_audit_by_time ON cloud_audit (sent_at);
