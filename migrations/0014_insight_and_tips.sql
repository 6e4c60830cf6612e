-- 0014: mentor insight, tips between mentors and program analytics (issue 11 items 4-7).

-- A mentor's short tip for a topic x expected response, shown in other mentors' pre-1on1
-- briefs of a matching 1on1 (the author's name only when `signed`). The office can hide one.
CREATE TABLE mentor_tips (
    id                INTEGER PRIMARY KEY,
    author_id         TEXT NOT NULL,
    topic             TEXT NOT NULL,
    expected_response TEXT NOT NULL,
    body              TEXT NOT NULL,
    signed            INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    hidden_at         TEXT,
    hidden_by         TEXT
);
CREATE INDEX mentor_tips_cell ON mentor_tips (topic, expected_response, created_at)
    WHERE hidden_at IS NULL;

-- The aggregates group 1on1s by topic x response and by theme and month; these keep each
-- query to the rows it counts.
CREATE INDEX one_on_ones_topic_response ON one_on_ones (topic, expected_response);
CREATE INDEX one_on_ones_theme_created ON one_on_ones (theme_id, created_at);
