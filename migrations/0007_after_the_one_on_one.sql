-- 0007: what two features of "after the 1on1" share: whether a 1on1 was held, and who else
-- receives a summary of a held 1on1 (auto-share, 自動共有). The memo surfaces show the
-- recipients; marking a 1on1 held sends them the summary.

-- The mentor marks a 1on1 held or not held (no-show, moved outside the bot) after its end.
ALTER TABLE one_on_ones ADD COLUMN held TEXT CHECK (held IS NULL OR held IN ('held', 'not_held'));
ALTER TABLE one_on_ones ADD COLUMN held_marked_at TEXT;

-- Set by the office: per theme (everyone's 1on1s of that theme) or per mentee (all their
-- 1on1s), who also receives the summary. Exactly one of theme_id and mentee_id is set.
-- Removing a rule deletes its row: a removed recipient gets nothing more.
CREATE TABLE auto_share_rules (
    id           INTEGER PRIMARY KEY,
    theme_id     INTEGER REFERENCES themes (id),
    mentee_id    TEXT,
    recipient_id TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CHECK ((theme_id IS NULL) <> (mentee_id IS NULL))
);
CREATE UNIQUE INDEX auto_share_rules_theme ON auto_share_rules (theme_id, recipient_id)
    WHERE theme_id IS NOT NULL;
CREATE UNIQUE INDEX auto_share_rules_mentee ON auto_share_rules (mentee_id, recipient_id)
    WHERE mentee_id IS NOT NULL;
