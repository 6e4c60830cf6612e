-- 0006: an outbox row may also redraw DMs already sent (kind 'redraw'): once a 1on1 is
-- accepted, declined, cancelled, moved or expires, its earlier DMs show the outcome instead of
-- buttons that no longer apply. SQLite cannot change a CHECK constraint, so the table is
-- rebuilt with the same columns and indexes, and every row (pending ones included) is kept.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    recipient       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('dm', 'home', 'redraw')),
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped', 'cancelled')),
    due_at          TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    expires_at      TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    failures        INTEGER NOT NULL DEFAULT 0,
    in_doubt        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    channel         TEXT,
    message_ts      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    sent_at         TEXT
);
INSERT INTO outbox_new (id, dedupe_key, recipient, kind, body, status, due_at, next_attempt_at,
                        expires_at, attempts, failures, in_doubt, last_error, channel, message_ts,
                        created_at, updated_at, sent_at)
SELECT id, dedupe_key, recipient, kind, body, status, due_at, next_attempt_at, expires_at,
       attempts, failures, in_doubt, last_error, channel, message_ts, created_at, updated_at,
       sent_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox (recipient, status);
