-- 0003: mentors' preferred 1on1 hours, and the 1on1s that hold their slots.

-- One row per mentor once they have set their hours (defaults apply before that).
CREATE TABLE mentor_hours (
    user_id      TEXT PRIMARY KEY,
    slot_minutes INTEGER NOT NULL DEFAULT 30 CHECK (slot_minutes IN (15, 30, 45, 60)),
    horizon_days INTEGER NOT NULL DEFAULT 28 CHECK (horizon_days BETWEEN 1 AND 90),
    notice_hours INTEGER NOT NULL DEFAULT 24 CHECK (notice_hours BETWEEN 0 AND 336),
    cap_count    INTEGER CHECK (cap_count IS NULL OR cap_count > 0),
    cap_period   TEXT CHECK (cap_period IS NULL OR cap_period IN ('week', 'month')),
    away_until   TEXT,                           -- a local date (YYYY-MM-DD) in the mentor's zone
    auto_accept  INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

-- Weekly windows as wall-clock minutes in the mentor's zone (kept across DST changes).
CREATE TABLE mentor_windows (
    user_id      TEXT NOT NULL,
    day          INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6),   -- 0 = Monday
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (user_id, day, start_minute),
    CHECK (end_minute > start_minute)
);

-- A 1on1 requested by a mentee. Requested and confirmed ones hold the mentor's slot.
CREATE TABLE one_on_ones (
    id                INTEGER PRIMARY KEY,
    mentor_id         TEXT NOT NULL,
    mentee_id         TEXT NOT NULL,
    theme_id          INTEGER NOT NULL REFERENCES themes (id),
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    status            TEXT NOT NULL
                      CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled', 'expired')),
    topic             TEXT NOT NULL,
    expected_response TEXT NOT NULL,
    note              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- The database itself refuses a second live 1on1 in the same slot of a mentor.
CREATE UNIQUE INDEX one_on_ones_mentor_slot ON one_on_ones (mentor_id, starts_at)
    WHERE status IN ('requested', 'confirmed');
CREATE INDEX one_on_ones_mentee ON one_on_ones (mentee_id, starts_at);
