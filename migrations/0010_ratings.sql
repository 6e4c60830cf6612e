-- 0010: the mentee's answer to "How was it?" after a 1on1 (スッキリ度 1–5, whether they got
-- the response they hoped for, an optional comment). One answer per 1on1. Never shown to the
-- mentor one by one: the insight issue reads them only in groups of 3 or more.
CREATE TABLE one_on_one_ratings (
    one_on_one_id INTEGER PRIMARY KEY REFERENCES one_on_ones (id),
    mentee_id     TEXT NOT NULL,
    clarity       INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    got_response  TEXT NOT NULL CHECK (got_response IN ('yes', 'partly', 'no')),
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
