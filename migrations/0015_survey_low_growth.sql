-- 0015: the growth feeling at or below which a survey's results list the answer for follow-up
-- (issue 11: "low growth scores (≤ 2, configurable)"), set by the office per survey, 1–4.
ALTER TABLE surveys ADD COLUMN low_growth INTEGER NOT NULL DEFAULT 2
    CHECK (low_growth BETWEEN 1 AND 4);
