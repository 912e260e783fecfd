-- Schema 5: what the cloud escalation needs to keep.
-- An answer's confidence: the mean and the lowest log-probability of the tokens it chose (natural log, from
-- the model's own logits; NULL where the backend cannot see them, e.g. the NPU's server or the cloud), and how
-- many of the oldest messages were left out so the prompt fit the context window.
-- The cloud audit: how many bytes left the machine (the request body as sent) and how many pieces of each
-- kind the sanitizer replaced, as a JSON object such as {"EMAIL_ADDRESS": 1, "PERSON": 2}.

ALTER TABLE messages ADD COLUMN mean_logprob REAL;
ALTER TABLE messages ADD COLUMN min_logprob REAL;
ALTER TABLE messages ADD COLUMN dropped_messages INTEGER;

ALTER TABLE cloud_audit ADD COLUMN bytes_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cloud_audit ADD COLUMN entity_counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(entity_counts));
