-- 0013: monthly surveys (issue 11 items 1–3). A survey is defined by the office; each occurrence
-- of its schedule is one `survey_runs` row (unique per survey and instant, so a restart or a
-- second `run-due` never opens it twice), with the people it was sent to and what they answered.
CREATE TABLE surveys (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    -- 'first-weekday' (10:00 on the first weekday of each month) or a cron expression
    -- (sec min hour day-of-month month day-of-week), in the workspace's time zone.
    schedule   TEXT NOT NULL,
    open_days  INTEGER NOT NULL CHECK (open_days BETWEEN 1 AND 28),
    audience   TEXT NOT NULL CHECK (audience IN ('had_1on1', 'themes')),
    paused     INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The themes whose mentees receive a survey whose audience is 'themes'.
CREATE TABLE survey_themes (
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    theme_id  INTEGER NOT NULL REFERENCES themes (id),
    PRIMARY KEY (survey_id, theme_id)
);

-- The custom questions (the growth feeling 成長実感 1–5 is always asked and is not a row).
CREATE TABLE survey_questions (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'scale')),
    text      TEXT NOT NULL,
    -- A choice question's options, one per line.
    choices   TEXT NOT NULL DEFAULT '',
    required  INTEGER NOT NULL
);

CREATE TABLE survey_runs (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys (id),
    occurs_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    UNIQUE (survey_id, occurs_at)
);

-- Who a run was sent to (with the theme they were reached through), and their growth feeling
-- once they answered.
CREATE TABLE survey_recipients (
    run_id      INTEGER NOT NULL REFERENCES survey_runs (id),
    user_id     TEXT NOT NULL,
    theme_id    INTEGER REFERENCES themes (id),
    growth      INTEGER CHECK (growth BETWEEN 1 AND 5),
    answered_at TEXT,
    PRIMARY KEY (run_id, user_id)
);

-- Custom answers; the question's text is kept as it was answered.
CREATE TABLE survey_answers (
    run_id        INTEGER NOT NULL REFERENCES survey_runs (id),
    user_id       TEXT NOT NULL,
    question_id   INTEGER NOT NULL REFERENCES survey_questions (id),
    question_text TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (run_id, user_id, question_id)
);
