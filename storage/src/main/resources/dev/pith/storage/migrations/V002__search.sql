-- Schema 2: full-text search over message text.
-- An external-content FTS5 index: the text lives once, in messages; triggers keep the index in step
-- with every insert, edit (a streaming answer grows by updates) and delete (cascades included).

CREATE VIRTUAL TABLE message_search USING fts5 (
  content,
  content = 'messages',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_search (rowid, content) VALUES (new.seq, new.content);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
  INSERT INTO message_search (message_search, rowid, content) VALUES ('delete', old.seq, old.content);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages
WHEN new.content IS NOT old.content BEGIN
  INSERT INTO message_search (message_search, rowid, content) VALUES ('delete', old.seq, old.content);
  INSERT INTO message_search (rowid, content) VALUES (new.seq, new.content);
END;

-- Index what schema 1 already holds.
INSERT INTO message_search (message_search) VALUES ('rebuild');
