//! The Bot Connector REST API (v3): create a personal conversation, send and update activities, read a member; Teams' rate limits and error codes.
