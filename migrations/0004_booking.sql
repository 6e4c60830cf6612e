-- 0004: booking 1on1s — topics, request details, shared memos, mentor search, emails.

-- Email from users.info (users:read.email), for calendar invites' attendees.
ALTER TABLE users ADD COLUMN email TEXT;

-- Topics admins add to the defaults (the defaults live in the code, in both languages).
CREATE TABLE topics (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    archived_at TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- one_on_ones.topic holds a topic key: a default's key, 'custom:<topics.id>' or 'other';
-- topic_other is the mentee's short text for 'other'. expected_response holds a response key.
ALTER TABLE one_on_ones ADD COLUMN topic_other TEXT;
ALTER TABLE one_on_ones ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;  -- iCalendar SEQUENCE
ALTER TABLE one_on_ones ADD COLUMN expires_at TEXT;                      -- unanswered requests expire then
ALTER TABLE one_on_ones ADD COLUMN decided_at TEXT;
ALTER TABLE one_on_ones ADD COLUMN decline_message TEXT;
ALTER TABLE one_on_ones ADD COLUMN cancelled_by TEXT;
CREATE INDEX one_on_ones_expiry ON one_on_ones (status, expires_at);
CREATE INDEX one_on_ones_mentor ON one_on_ones (mentor_id, status, starts_at);

-- The pair's shared memo: entries by either of them (the request's note is the first).
CREATE TABLE memo_entries (
    id            INTEGER PRIMARY KEY,
    mentor_id     TEXT NOT NULL,
    mentee_id     TEXT NOT NULL,
    one_on_one_id INTEGER REFERENCES one_on_ones (id),
    author_id     TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX memo_entries_pair ON memo_entries (mentor_id, mentee_id, created_at);

-- What mentees search: one row per certification (theme name, description and the mentor's
-- answers). Trigram tokens find Japanese words inside longer text; 1–2 character queries
-- use LIKE on the same column.
CREATE VIRTUAL TABLE mentor_search USING fts5 (
    body,
    certification_id UNINDEXED,
    tokenize = 'trigram'
);
