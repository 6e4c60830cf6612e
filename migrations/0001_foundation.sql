-- 0001: the foundation every feature builds on.
-- Times are TEXT in UTC, 'YYYY-MM-DDTHH:MM:SS.mmmZ' (sorts as it reads); zones are IANA names.

-- People the bot has met, as Slack's users.info described them (refreshed after a day).
CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    tz           TEXT NOT NULL,              -- IANA zone name
    locale       TEXT,                       -- Slack locale (ja-JP, en-US, ...); NULL = unknown
    is_bot       INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    described    INTEGER NOT NULL DEFAULT 1, -- 0: Slack could not describe them, defaults used
    dm_channel   TEXT,                       -- the IM channel once conversations.open gave it
    refreshed_at TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- Granted roles. Everyone is a mentee; admins listed in MENTOR_BOT_ADMINS are admins without a row.
CREATE TABLE user_roles (
    user_id    TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'advisor', 'mentor')),
    granted_by TEXT,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Events API event ids already handled, so a retried delivery is acknowledged without acting twice.
CREATE TABLE processed_events (
    event_id    TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
);
CREATE INDEX processed_events_received ON processed_events (received_at);

-- Everything the bot owes someone: written in the same transaction as its cause.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,    -- the same cause never makes two rows
    recipient       TEXT NOT NULL,           -- Slack user id
    kind            TEXT NOT NULL CHECK (kind IN ('dm', 'home')),
    body            TEXT NOT NULL,           -- JSON, rendered at send time in the reader's language
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped', 'cancelled')),
    due_at          TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    expires_at      TEXT,                    -- past this, an unsent row is dropped, not sent late
    attempts        INTEGER NOT NULL DEFAULT 0,
    failures        INTEGER NOT NULL DEFAULT 0,
    in_doubt        INTEGER NOT NULL DEFAULT 0, -- a send was under way when the process stopped
    last_error      TEXT,
    channel         TEXT,
    message_ts      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox (recipient, status);

-- Occurrences of scheduled jobs already run: a restart never runs one twice.
CREATE TABLE job_runs (
    job        TEXT NOT NULL,
    occurrence TEXT NOT NULL,
    ran_at     TEXT NOT NULL,
    PRIMARY KEY (job, occurrence)
);
