-- Microsoft Teams (issue 14): how to reach each Teams user proactively. A Teams person is a
-- `users` row whose id is `MT` + their aadObjectId; this row is their conversation reference,
-- kept up to date from every activity they send (conversationUpdate, installationUpdate,
-- messages, invokes).
CREATE TABLE teams_people (
    user_id            TEXT PRIMARY KEY,        -- users.id (MT…)
    teams_id           TEXT NOT NULL,           -- the bot-scoped user id, 29:…
    aad_object_id      TEXT NOT NULL,
    tenant_id          TEXT NOT NULL,
    service_url        TEXT NOT NULL,
    bot_id             TEXT NOT NULL,           -- 28:{app id}, as the activity's recipient
    conversation_id    TEXT,                    -- the personal chat (a:…), once known
    name               TEXT NOT NULL,
    email              TEXT,                    -- from the Connector's member lookup
    locale             TEXT,
    tz                 TEXT,                    -- IANA, from the clientInfo entity
    home_activity_id   TEXT,                    -- the Home card posted in the personal chat
    unreachable_at     TEXT,                    -- 403 MessageWritesBlocked or uninstalled
    unreachable_reason TEXT,
    updated_at         TEXT NOT NULL
);

CREATE INDEX teams_people_email ON teams_people (email) WHERE email IS NOT NULL;
