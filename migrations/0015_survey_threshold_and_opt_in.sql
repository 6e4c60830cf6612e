-- 0015: surveys (issue 11) gain
--   * `low_growth`: the growth feeling at or below which the results list an answer for
--     follow-up ("low growth scores (≤ 2, configurable)"), set by the office per survey, 1–4;
--   * the audience 'opted_in': everyone who turned surveys on (`survey_opt_ins`);
--   * `survey_questions.retired`: a question edited after it was answered is kept (retired) with
--     its answers, and its new text becomes a new row (a new revision), so old answers keep the
--     text they answered.
-- SQLite cannot change a CHECK constraint, and `surveys` has children, so the six survey tables
-- are rebuilt with the same columns (children first dropped, then the new ones renamed, which
-- rewrites their references) and every row is kept.
CREATE TABLE surveys_new (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    schedule   TEXT NOT NULL,
    open_days  INTEGER NOT NULL CHECK (open_days BETWEEN 1 AND 28),
    audience   TEXT NOT NULL CHECK (audience IN ('had_1on1', 'themes', 'opted_in')),
    paused     INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    low_growth INTEGER NOT NULL DEFAULT 2 CHECK (low_growth BETWEEN 1 AND 4)
);
INSERT INTO surveys_new (id, title, schedule, open_days, audience, paused, created_by, created_at)
SELECT id, title, schedule, open_days, audience, paused, created_by, created_at FROM surveys;

CREATE TABLE survey_themes_new (
    survey_id INTEGER NOT NULL REFERENCES surveys_new (id),
    theme_id  INTEGER NOT NULL REFERENCES themes (id),
    PRIMARY KEY (survey_id, theme_id)
);
INSERT INTO survey_themes_new SELECT survey_id, theme_id FROM survey_themes;

CREATE TABLE survey_questions_new (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys_new (id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'scale')),
    text      TEXT NOT NULL,
    choices   TEXT NOT NULL DEFAULT '',
    required  INTEGER NOT NULL,
    retired   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO survey_questions_new (id, survey_id, position, kind, text, choices, required)
SELECT id, survey_id, position, kind, text, choices, required FROM survey_questions;

CREATE TABLE survey_runs_new (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys_new (id),
    occurs_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    UNIQUE (survey_id, occurs_at)
);
INSERT INTO survey_runs_new SELECT id, survey_id, occurs_at, closes_at FROM survey_runs;

CREATE TABLE survey_recipients_new (
    run_id      INTEGER NOT NULL REFERENCES survey_runs_new (id),
    user_id     TEXT NOT NULL,
    theme_id    INTEGER REFERENCES themes (id),
    growth      INTEGER CHECK (growth BETWEEN 1 AND 5),
    answered_at TEXT,
    PRIMARY KEY (run_id, user_id)
);
INSERT INTO survey_recipients_new
SELECT run_id, user_id, theme_id, growth, answered_at FROM survey_recipients;

CREATE TABLE survey_answers_new (
    run_id        INTEGER NOT NULL REFERENCES survey_runs_new (id),
    user_id       TEXT NOT NULL,
    question_id   INTEGER NOT NULL REFERENCES survey_questions_new (id),
    question_text TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (run_id, user_id, question_id)
);
INSERT INTO survey_answers_new
SELECT run_id, user_id, question_id, question_text, value FROM survey_answers;

DROP TABLE survey_answers;
DROP TABLE survey_recipients;
DROP TABLE survey_runs;
DROP TABLE survey_questions;
DROP TABLE survey_themes;
DROP TABLE surveys;
ALTER TABLE surveys_new RENAME TO surveys;
ALTER TABLE survey_themes_new RENAME TO survey_themes;
ALTER TABLE survey_questions_new RENAME TO survey_questions;
ALTER TABLE survey_runs_new RENAME TO survey_runs;
ALTER TABLE survey_recipients_new RENAME TO survey_recipients;
ALTER TABLE survey_answers_new RENAME TO survey_answers;

-- Who turned surveys on (`/mentor survey on`) or off again; absent is off.
CREATE TABLE survey_opt_ins (
    user_id    TEXT PRIMARY KEY,
    opted_in   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
