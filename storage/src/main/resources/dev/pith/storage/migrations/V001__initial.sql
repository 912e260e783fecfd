-- Schema 1: conversations, their messages and the settings.
-- Times are milliseconds since 1970-01-01 UTC. Ids are UUIDs in their 36-character text form.

CREATE TABLE conversations (
  id       TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 36),
  title    TEXT    NOT NULL DEFAULT '',
  created  INTEGER NOT NULL,
  updated  INTEGER NOT NULL,
  pinned   INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

-- The sidebar: pinned first, then the most recently used.
CREATE INDEX conversations_recent ON conversations (archived, pinned DESC, updated DESC);

-- Messages form a tree per conversation: a regenerated answer or an edited question is a sibling
-- (same parent_id), never an overwrite. seq is the rowid: it orders messages by insertion and is the
-- stable key of the search index.
CREATE TABLE messages (
  seq              INTEGER PRIMARY KEY,
  id               TEXT    NOT NULL UNIQUE CHECK (length(id) = 36),
  conversation_id  TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  parent_id        TEXT    REFERENCES messages (id) ON DELETE CASCADE,
  role             TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
  content          TEXT    NOT NULL,
  status           TEXT    NOT NULL
                   CHECK (status IN ('streaming', 'complete', 'cancelled', 'interrupted', 'error')),
  error            TEXT,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  model_id         TEXT,
  backend          TEXT,
  prompt_tokens    INTEGER,
  generated_tokens INTEGER,
  ttft_ms          REAL,
  decode_tps       REAL,
  energy_j         REAL,
  avg_watts        REAL,
  power_source     TEXT
);

CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);
CREATE INDEX messages_by_parent ON messages (parent_id);
-- Start-up finds answers that were still streaming when the process died; normally none.
CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

CREATE TABLE settings (
  key     TEXT    NOT NULL PRIMARY KEY,
  value   TEXT    NOT NULL CHECK (json_valid(value)),
  updated INTEGER NOT NULL
);
