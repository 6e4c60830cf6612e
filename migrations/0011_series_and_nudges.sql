-- 0011: recurring 1on1s and nudges (issue 10, items 5 and 7).

-- A series a mentee asked for: every `every_weeks` weeks, `count` times. The mentor accepts
-- or declines it once; each occurrence is its own one_on_ones row (own reminders, cancel or
-- move one alone).
CREATE TABLE series (
    id          INTEGER PRIMARY KEY,
    mentor_id   TEXT NOT NULL,
    mentee_id   TEXT NOT NULL,
    theme_id    INTEGER NOT NULL REFERENCES themes (id),
    every_weeks INTEGER NOT NULL CHECK (every_weeks IN (1, 2, 4)),
    count       INTEGER NOT NULL CHECK (count BETWEEN 2 AND 12),
    status      TEXT NOT NULL DEFAULT 'requested'
                CHECK (status IN ('requested', 'accepted', 'declined')),
    created_at  TEXT NOT NULL,
    decided_at  TEXT
);
-- The series an occurrence belongs to, and the time the series wanted when that time was not
-- free and the occurrence was proposed at the nearest free slot instead (NULL when as wanted).
ALTER TABLE one_on_ones ADD COLUMN series_id INTEGER REFERENCES series (id);
ALTER TABLE one_on_ones ADD COLUMN series_wanted_at TEXT;
CREATE INDEX one_on_ones_series ON one_on_ones (series_id) WHERE series_id IS NOT NULL;

-- The program office's nudge settings (one row once set; the default applies before that).
CREATE TABLE nudge_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    rebook_weeks  INTEGER NOT NULL CHECK (rebook_weeks BETWEEN 1 AND 52),
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- People who turned nudges off (a row while off; turning them on deletes it).
CREATE TABLE nudge_opt_outs (
    user_id TEXT PRIMARY KEY,
    off_at  TEXT NOT NULL
);
