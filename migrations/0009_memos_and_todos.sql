-- 0009: what the pair writes around a 1on1 (issue 10, items 1 and 2). The shared memo stays
-- in `memo_entries` (an entry written on a 1on1 carries its one_on_one_id; the auto-share
-- summary reads the current text there); editing keeps every earlier text in
-- `memo_revisions`, so who wrote what, when, is never lost. Private memos and TODOs are new.

ALTER TABLE memo_entries ADD COLUMN updated_at TEXT;
ALTER TABLE memo_entries ADD COLUMN updated_by TEXT;
CREATE INDEX memo_entries_one_on_one ON memo_entries (one_on_one_id, created_at);

-- One row per edit: the text the entry had before it, and who replaced it when.
CREATE TABLE memo_revisions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES memo_entries (id),
    body        TEXT NOT NULL,
    written_by  TEXT NOT NULL,
    written_at  TEXT NOT NULL,
    replaced_by TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
CREATE INDEX memo_revisions_entry ON memo_revisions (entry_id, id);

-- Each person's own notes on a 1on1: read and written by its author only.
CREATE TABLE private_memos (
    one_on_one_id INTEGER NOT NULL REFERENCES one_on_ones (id),
    author_id     TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (one_on_one_id, author_id)
);

-- What came out of a 1on1: owned by one of the pair, optionally due on a day (the reminder
-- is an outbox row `todo-due:{id}`, withdrawn when the TODO is done or deleted first).
CREATE TABLE todos (
    id            INTEGER PRIMARY KEY,
    one_on_one_id INTEGER NOT NULL REFERENCES one_on_ones (id),
    mentor_id     TEXT NOT NULL,
    mentee_id     TEXT NOT NULL,
    owner_id      TEXT NOT NULL,
    body          TEXT NOT NULL,
    due_on        TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    done_at       TEXT,
    done_by       TEXT,
    deleted_at    TEXT
);
CREATE INDEX todos_one_on_one ON todos (one_on_one_id, id);
CREATE INDEX todos_owner ON todos (owner_id, done_at, due_on);
