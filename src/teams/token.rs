//! The bot's own token for the Bot Connector (OAuth client credentials), cached until shortly before it expires.
