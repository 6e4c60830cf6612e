-- 0002: themes and their questions, mentor certification and answers, the admin audit log.

-- Something a mentor can talk about from experience, in one of five categories.
CREATE TABLE themes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,                 -- as the admin wrote it
    name_key    TEXT NOT NULL UNIQUE,          -- NFKC, lower case, single spaces: unique regardless of case, width, spaces
    category    TEXT NOT NULL CHECK (category IN ('tenure', 'work', 'non_work', 'programs', 'other')),
    description TEXT NOT NULL DEFAULT '',
    archived_at TEXT,                          -- hidden from mentees; history kept
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX themes_listing ON themes (archived_at, name_key);

-- "What I can talk about": the questions a mentor answers for a theme's profile.
CREATE TABLE theme_questions (
    id         INTEGER PRIMARY KEY,
    theme_id   INTEGER NOT NULL REFERENCES themes (id),
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('text', 'choice')),
    options    TEXT NOT NULL DEFAULT '[]',     -- JSON array of strings, for choice questions
    required   INTEGER NOT NULL DEFAULT 0,
    revision   INTEGER NOT NULL DEFAULT 1,     -- bumped on every edit (keys "please update" DMs)
    removed_at TEXT,                           -- removed questions keep their answers readable
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX theme_questions_order ON theme_questions (theme_id, removed_at, position);

-- A person certified to mentor a theme. One row per (theme, person), kept after revocation.
CREATE TABLE certifications (
    id           INTEGER PRIMARY KEY,
    theme_id     INTEGER NOT NULL REFERENCES themes (id),
    user_id      TEXT NOT NULL,
    status       TEXT NOT NULL
                 CHECK (status IN ('certified', 'started', 'needs_answers', 'paused', 'revoked')),
    generation   INTEGER NOT NULL DEFAULT 1,   -- bumped when certified again after a revocation
    certified_by TEXT NOT NULL,
    certified_at TEXT NOT NULL,
    started_at   TEXT,
    revoked_at   TEXT,
    updated_at   TEXT NOT NULL,
    UNIQUE (theme_id, user_id)
);
CREATE INDEX certifications_user ON certifications (user_id, status);
CREATE INDEX certifications_theme ON certifications (theme_id, status);

-- A mentor's answers, stored as the text they read (so a later edit of the question keeps them readable).
CREATE TABLE mentor_answers (
    certification_id INTEGER NOT NULL REFERENCES certifications (id),
    question_id      INTEGER NOT NULL REFERENCES theme_questions (id),
    value            TEXT NOT NULL,
    answered_at      TEXT NOT NULL,
    PRIMARY KEY (certification_id, question_id)
);

-- Who did what as an admin, and when.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    actor  TEXT NOT NULL,                      -- Slack user id, or 'cli'
    action TEXT NOT NULL,
    detail TEXT NOT NULL,                      -- JSON
    at     TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- users.lookupByEmail answers, so re-importing a CSV does not ask Slack again.
CREATE TABLE email_lookups (
    email        TEXT PRIMARY KEY,             -- lower case
    user_id      TEXT,                         -- NULL: Slack knows no such person
    looked_up_at TEXT NOT NULL
);
