-- 0008: finding a mentor costs one page. Each mentor's next free slot is kept in a row, so
-- results can be ordered by it without computing every mentor's calendar on every search.

-- One row per person with hours. `next_free_at`: the start of their next free slot as last
-- computed (NULL: none within their horizon). `recheck_at`: when time alone may change it
-- (the slot falls inside the notice period, or a new day enters the horizon); '' means a
-- change made it stale now. The triggers below mark a row stale on every change that can
-- move it, so the app recomputes only rows that are due (O(due), by the index).
CREATE TABLE mentor_availability (
    user_id      TEXT PRIMARY KEY,
    next_free_at TEXT,
    recheck_at   TEXT NOT NULL
);
CREATE INDEX mentor_availability_recheck ON mentor_availability (recheck_at);
CREATE INDEX mentor_availability_next ON mentor_availability (next_free_at, user_id)
    WHERE next_free_at IS NOT NULL;

INSERT INTO mentor_availability (user_id, recheck_at) SELECT user_id, '' FROM mentor_hours;

CREATE TRIGGER mentor_availability_hours_added AFTER INSERT ON mentor_hours BEGIN
    INSERT INTO mentor_availability (user_id, recheck_at) VALUES (NEW.user_id, '')
        ON CONFLICT (user_id) DO UPDATE SET recheck_at = '';
END;
CREATE TRIGGER mentor_availability_hours_changed AFTER UPDATE ON mentor_hours BEGIN
    UPDATE mentor_availability SET recheck_at = '' WHERE user_id = NEW.user_id;
END;
-- Windows are replaced after their hours row is saved, and seeding may add them alone.
CREATE TRIGGER mentor_availability_window_added AFTER INSERT ON mentor_windows BEGIN
    UPDATE mentor_availability SET recheck_at = '' WHERE user_id = NEW.user_id AND recheck_at != '';
END;
CREATE TRIGGER mentor_availability_window_removed AFTER DELETE ON mentor_windows BEGIN
    UPDATE mentor_availability SET recheck_at = '' WHERE user_id = OLD.user_id AND recheck_at != '';
END;
-- A 1on1 holds both people's time (a mentor's own 1on1s as a mentee too).
CREATE TRIGGER mentor_availability_one_on_one_added AFTER INSERT ON one_on_ones BEGIN
    UPDATE mentor_availability SET recheck_at = ''
        WHERE user_id IN (NEW.mentor_id, NEW.mentee_id);
END;
CREATE TRIGGER mentor_availability_one_on_one_changed
    AFTER UPDATE OF status, starts_at, ends_at ON one_on_ones BEGIN
    UPDATE mentor_availability SET recheck_at = ''
        WHERE user_id IN (NEW.mentor_id, NEW.mentee_id, OLD.mentor_id, OLD.mentee_id);
END;
-- Windows are wall-clock times in the mentor's zone.
CREATE TRIGGER mentor_availability_zone_changed AFTER UPDATE OF tz ON users
    WHEN NEW.tz != OLD.tz BEGIN
    UPDATE mentor_availability SET recheck_at = '' WHERE user_id = NEW.id;
END;
