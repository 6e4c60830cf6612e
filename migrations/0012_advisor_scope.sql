-- 0012: an advisor sees the program's aggregates only for the themes of their scope. Set by
-- admins beside the advisor role; no row for an advisor means an empty scope (sees nothing).
CREATE TABLE advisor_themes (
    user_id    TEXT NOT NULL,
    theme_id   INTEGER NOT NULL REFERENCES themes (id),
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, theme_id)
);
